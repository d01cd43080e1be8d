// Admins read how people rate answers: thumbs up or down with their notes,
// beside the question, the answer, the model and what it cost.
import { Link } from "react-router";
import { findModel } from "~/modules/ai/models";
import { requireAdminPage } from "~/modules/admin/admin.server";
import { listFeedback } from "~/modules/chat/feedback.server";
import type { Route } from "./+types/feedback";

export const meta = () => [{ title: "Answer feedback · Admin · Cairn" }];

export async function loader({ request }: Route.LoaderArgs) {
  await requireAdminPage(request);
  const wanted = new URL(request.url).searchParams.get("rating");
  const rating = wanted === "up" || wanted === "down" ? wanted : undefined;
  return { rating, feedback: listFeedback({ rating, limit: 200 }) };
}

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const FILTERS = [
  { label: "All", rating: undefined },
  { label: "Thumbs up", rating: "up" },
  { label: "Thumbs down", rating: "down" },
] as const;

export default function AdminFeedback({ loaderData }: Route.ComponentProps) {
  const { rating, feedback } = loaderData;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to="/admin" className="text-sm text-brand-700 underline">
          ← Admin
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Answer feedback</h1>
        <p className="mt-1 text-sm text-stone-600">How people rated answers, newest first, with their notes.</p>
      </div>
      <nav aria-label="Filter feedback" className="flex flex-wrap gap-2 text-sm">
        {FILTERS.map((f) => (
          <Link
            key={f.label}
            to={f.rating ? `?rating=${f.rating}` : "."}
            aria-current={f.rating === rating ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${f.rating === rating ? "border-stone-800 bg-stone-800 text-white" : "border-stone-300 bg-white hover:bg-stone-100"}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {feedback.length === 0 ? (
        <p className="text-sm text-stone-500">No ratings yet.</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Ratings">
          {feedback.map((f, i) => (
            <li key={i} className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4 text-sm">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-stone-500">
                <span className={`font-semibold ${f.rating === "up" ? "text-emerald-700" : "text-red-700"}`}>
                  {f.rating === "up" ? "👍 Thumbs up" : "👎 Thumbs down"}
                </span>
                <span>{f.userEmail}</span>
                <span>{f.workspaceName}</span>
                <span>{f.modelId ? (findModel(f.modelId)?.label ?? f.modelId) : "unknown model"}</span>
                {f.credits != null && <span>{f.credits} credits</span>}
                <span>{date.format(new Date(f.updatedAt))} UTC</span>
              </div>
              {f.note && <p className="rounded-lg bg-amber-50 px-3 py-2 text-stone-800">“{f.note}”</p>}
              <p className="break-words text-stone-600">
                <span className="font-medium text-stone-800">Q: </span>
                {f.question}
              </p>
              <p className="whitespace-pre-wrap break-words text-stone-600">
                <span className="font-medium text-stone-800">A: </span>
                {f.answer}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
