import { useId } from "react";
import { cx } from "./cx";

/** The surface every panel of the app sits on. */
export const surface = "rounded-2xl border border-stone-200 bg-white";

/**
 * A titled section of a page. `flush` leaves the content unpadded under a
 * header bar, for lists and tables whose rows carry their own padding.
 */
export function Card({
  title,
  description,
  actions,
  flush = false,
  tone = "default",
  className,
  bodyClassName,
  children,
  ...rest
}: Omit<React.HTMLAttributes<HTMLElement>, "title"> & {
  title?: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  flush?: boolean;
  tone?: "default" | "danger";
  bodyClassName?: string;
}) {
  const id = useId();
  return (
    <section aria-labelledby={title ? id : undefined} className={cx(surface, tone === "danger" && "border-red-200", className)} {...rest}>
      {title && (
        <header
          className={cx(
            "flex flex-wrap items-center justify-between gap-x-4 gap-y-2",
            flush ? "border-b border-stone-200 px-5 py-3" : "px-5 pt-5",
          )}
        >
          <div className="min-w-0">
            <h2 id={id} className={cx("font-semibold", flush && "text-sm", tone === "danger" && "text-red-700")}>
              {title}
            </h2>
            {description && <p className="mt-1 text-sm text-stone-600">{description}</p>}
          </div>
          {actions}
        </header>
      )}
      <div className={cx(!flush && (title ? "px-5 pt-4 pb-5" : "p-5"), bodyClassName)}>{children}</div>
    </section>
  );
}

/** Rows inside a flush card, divided by hairlines. */
export function CardList({ className, ...props }: React.HTMLAttributes<HTMLUListElement>) {
  return <ul className={cx("divide-y divide-stone-100", className)} {...props} />;
}

export function CardListItem({ className, ...props }: React.LiHTMLAttributes<HTMLLIElement>) {
  return <li className={cx("flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-5 py-3 text-sm", className)} {...props} />;
}

/** What a list shows when it has nothing in it yet. */
export function EmptyState({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <p className={cx("rounded-2xl border border-dashed border-stone-300 px-6 py-8 text-center text-sm text-stone-500", className)}>
      {children}
    </p>
  );
}
