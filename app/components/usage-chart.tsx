// Credits spent per day over 30 days, stacked by model, in plain SVG (billing and admin pages).
import { Card } from "./ui/card";

const number = new Intl.NumberFormat("en-US");

// Palette classes, so the bars brighten with the dark theme like everything else.
const COLORS = [
  { fill: "fill-indigo-500", swatch: "bg-indigo-500" },
  { fill: "fill-emerald-500", swatch: "bg-emerald-500" },
  { fill: "fill-amber-500", swatch: "bg-amber-500" },
  { fill: "fill-pink-500", swatch: "bg-pink-500" },
  { fill: "fill-cyan-500", swatch: "bg-cyan-500" },
  { fill: "fill-violet-500", swatch: "bg-violet-500" },
  { fill: "fill-lime-500", swatch: "bg-lime-500" },
];

/** Credits spent per day over 30 days, stacked by model; the same numbers as a table for screen readers. */
export function UsageChart({ usage, today }: { usage: { day: string; modelId: string; credits: number }[]; today: string }) {
  // `today` comes from the server (YYYY-MM-DD, UTC), so server and browser draw the same days.
  const days: string[] = [];
  const end = new Date(`${today}T00:00:00Z`).getTime();
  for (let i = 29; i >= 0; i--) days.push(new Date(end - i * 86_400_000).toISOString().slice(0, 10));
  const models = [...new Set(usage.map((u) => u.modelId))];
  const perDay = new Map(days.map((d) => [d, usage.filter((u) => u.day === d)]));
  const max = Math.max(1, ...days.map((d) => perDay.get(d)!.reduce((s, u) => s + u.credits, 0)));
  const total = usage.reduce((s, u) => s + u.credits, 0);
  const width = 600;
  const height = 140;
  const bar = width / days.length;
  return (
    <Card title="Usage, last 30 days">
      {total === 0 ? (
        <p className="text-sm text-stone-600">No credits spent in the last 30 days.</p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${width} ${height}`}
            className="h-36 w-full"
            preserveAspectRatio="none"
            role="img"
            aria-label={`${number.format(total)} credits spent over 30 days`}
          >
            {days.map((d, i) => {
              let y = height;
              return (
                <g key={d}>
                  {perDay.get(d)!.map((u) => {
                    const h = (u.credits / max) * (height - 4);
                    y -= h;
                    return (
                      <rect
                        key={u.modelId}
                        x={i * bar + 2}
                        y={y}
                        width={bar - 4}
                        height={h}
                        className={COLORS[models.indexOf(u.modelId) % COLORS.length]!.fill}
                      >
                        <title>{`${d} · ${u.modelId}: ${number.format(u.credits)} credits`}</title>
                      </rect>
                    );
                  })}
                </g>
              );
            })}
          </svg>
          <div aria-hidden className="flex justify-between text-xs text-stone-500">
            <span>{days[0]}</span>
            <span>{days.at(-1)}</span>
          </div>
          <ul className="mt-2 flex flex-wrap gap-3 text-xs text-stone-600">
            {models.map((m, i) => (
              <li key={m} className="flex items-center gap-1.5">
                <span aria-hidden className={`inline-block size-2.5 rounded-sm ${COLORS[i % COLORS.length]!.swatch}`} />
                {m}: {number.format(usage.filter((u) => u.modelId === m).reduce((s, u) => s + u.credits, 0))}
              </li>
            ))}
          </ul>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-stone-600">Show as a table</summary>
            <table className="mt-2 w-full text-left">
              <thead className="text-xs text-stone-500">
                <tr>
                  <th className="py-1 font-medium">Day</th>
                  <th className="py-1 font-medium">Model</th>
                  <th className="py-1 text-right font-medium">Credits</th>
                </tr>
              </thead>
              <tbody>
                {usage.map((u) => (
                  <tr key={`${u.day}-${u.modelId}`}>
                    <td className="py-1">{u.day}</td>
                    <td className="py-1">{u.modelId}</td>
                    <td className="py-1 text-right tabular-nums">{number.format(u.credits)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </Card>
  );
}
