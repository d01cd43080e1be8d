import { Logo } from "~/components/logo";
import { SiteFooter } from "~/components/site-footer";
import { surface } from "~/components/ui/card";
import { ButtonLink } from "~/components/ui/button";
import { getSessionUser } from "~/modules/auth/session.server";
import type { Route } from "./+types/home";

export const meta = () => [
  { title: "Cairn · a self-hosted AI workspace for small teams" },
  { name: "description", content: "Chat with OpenAI and Anthropic models, grounded in your own documents, on one server you own." },
];

export async function loader({ request }: Route.LoaderArgs) {
  return { signedIn: (await getSessionUser(request)) !== null };
}

const features = [
  { title: "Streamed answers", text: "Chat with OpenAI and Anthropic models, or any OpenAI-compatible server you run." },
  { title: "Grounded in your documents", text: "Answers cite the PDFs, docs and pages your team uploads, and you can check every source." },
  { title: "Workspaces for teams", text: "Keep projects apart, invite people, and see where every credit goes." },
  {
    title: "One process, one file",
    text: "A single Node process and one SQLite file. Back it up by copying it; replicate it with LiteFS.",
  },
];

export default function Home({ loaderData }: Route.ComponentProps) {
  return (
    <div className="min-h-full">
      <header className="mx-auto flex max-w-5xl items-center justify-between px-4 py-5">
        <Logo />
        <nav aria-label="Account" className="flex items-center gap-2">
          <ButtonLink to="/pricing" variant="ghost">
            Pricing
          </ButtonLink>
          {loaderData.signedIn ? (
            <ButtonLink to="/app">Open Cairn</ButtonLink>
          ) : (
            <>
              <ButtonLink to="/login" variant="ghost">
                Log in
              </ButtonLink>
              <ButtonLink to="/signup">Sign up</ButtonLink>
            </>
          )}
        </nav>
      </header>
      <main className="mx-auto max-w-5xl px-4 pt-12 pb-24">
        <section className="max-w-2xl">
          <h1 className="text-4xl font-semibold tracking-tight sm:text-5xl">Your team's AI workspace, on your own server.</h1>
          <p className="mt-5 text-lg text-stone-600">
            Cairn lets a small team chat with the best models, ground the answers in its own documents, and pay for what it uses, without
            handing its data to another SaaS.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <ButtonLink to={loaderData.signedIn ? "/app" : "/signup"}>
              {loaderData.signedIn ? "Open Cairn" : "Create an account"}
            </ButtonLink>
            {!loaderData.signedIn && (
              <ButtonLink to="/login" variant="secondary">
                I have an account
              </ButtonLink>
            )}
          </div>
        </section>
        <section aria-label="Features" className="mt-20 grid gap-4 sm:grid-cols-2">
          {features.map((f) => (
            <div key={f.title} className={`${surface} p-6`}>
              <h2 className="font-semibold">{f.title}</h2>
              <p className="mt-2 text-sm text-stone-600">{f.text}</p>
            </div>
          ))}
        </section>
      </main>
      <SiteFooter />
    </div>
  );
}
