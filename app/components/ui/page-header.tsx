import { Link } from "react-router";

/** The top of a page: where it sits, its title, what it is for, and its main actions. */
export function PageHeader({
  title,
  description,
  eyebrow,
  back,
  actions,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  eyebrow?: React.ReactNode;
  back?: { to: string; label: string };
  actions?: React.ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        {back && (
          <Link to={back.to} className="mb-2 inline-flex items-center gap-1 text-sm text-stone-600 hover:text-stone-900">
            <span aria-hidden>←</span> {back.label}
          </Link>
        )}
        {eyebrow && <p className="text-sm text-stone-500">{eyebrow}</p>}
        <h1 className="text-2xl font-semibold tracking-tight break-words">{title}</h1>
        {description && <p className="mt-1 text-sm text-stone-600">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}
