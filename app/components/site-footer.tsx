import { Link } from "react-router";

/** The foot of the public pages: how to reach the people who run this instance. */
export function SiteFooter() {
  return (
    <footer className="mx-auto flex w-full max-w-5xl flex-wrap gap-x-6 gap-y-2 border-t border-stone-200 px-4 py-6 text-sm text-stone-600">
      <Link to="/contact" className="hover:underline">
        Contact us
      </Link>
    </footer>
  );
}
