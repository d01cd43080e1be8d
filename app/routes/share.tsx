// A chat its owner made public: the copy taken when it was shared, readable
// by anyone with the link, signed in or not. When it is made private again
// the link is a 404.
import { data } from "react-router";
import { AnswerBlock, QuestionBubble } from "~/components/chat/message";
import { Logo } from "~/components/logo";
import { findModel } from "~/modules/ai/models";
import { publicChat } from "~/modules/chat/public-chats.server";
import { HttpError } from "~/modules/http/errors";
import type { Route } from "./+types/share";

export const meta = ({ loaderData }: Route.MetaArgs) => [
  { title: `${loaderData?.chat.title ?? "Shared chat"} · Cairn` },
  { name: "robots", content: "noindex" },
];

export async function loader({ params }: Route.LoaderArgs) {
  try {
    return data({ chat: publicChat(params.chatId) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof HttpError) throw data(error.message, { status: error.status });
    throw error;
  }
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default function SharedChat({ loaderData }: Route.ComponentProps) {
  const { chat } = loaderData;
  return (
    <div className="mx-auto flex min-h-full max-w-3xl flex-col gap-8 px-4 py-8">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <Logo />
        <p className="text-xs text-stone-500">A read-only copy of a chat, shared from Cairn</p>
      </header>
      <div className="border-b border-stone-200 pb-4">
        <h1 className="text-2xl font-semibold tracking-tight">{chat.title}</h1>
        <p className="mt-1 text-sm text-stone-500">Shared on {dateFormat.format(new Date(chat.sharedAt))}</p>
      </div>
      <ol className="flex flex-col gap-8" aria-label="Messages">
        {chat.messages.map((m, i) =>
          m.role === "user" ? (
            <li key={i}>
              <QuestionBubble content={m.content} />
            </li>
          ) : (
            <li key={i}>
              <AnswerBlock content={m.content} status={m.status} sources={m.sources}>
                {m.modelId && <p className="text-xs text-stone-500">{findModel(m.modelId)?.label ?? m.modelId}</p>}
              </AnswerBlock>
            </li>
          ),
        )}
      </ol>
    </div>
  );
}
