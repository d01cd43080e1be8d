import { Link } from "react-router";

/** `compact`: the name shows only from small screens up (the mark alone on phones). */
export function Logo({ to = "/", compact = false }: { to?: string; compact?: boolean }) {
  return (
    <Link to={to} className="flex shrink-0 items-center gap-2 rounded-lg font-semibold tracking-tight text-stone-900">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <span className={compact ? "sr-only sm:not-sr-only" : undefined}>Cairn</span>
    </Link>
  );
}
