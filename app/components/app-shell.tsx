import { Form, Link, NavLink, useLocation } from "react-router";
import type { PublicUser } from "~/modules/auth/accounts.server";
import type { WorkspaceView } from "~/modules/workspaces/workspaces.server";
import { Logo } from "./logo";

const menu = "absolute z-20 mt-2 w-64 rounded-xl border border-stone-200 bg-white p-1 shadow-lg focus-within:outline-none";
const menuItem = "block w-full rounded-lg px-3 py-2 text-left text-sm hover:bg-stone-100";

const WORKSPACE_SECTIONS = [
  { label: "Chats", path: "/chats", end: false },
  { label: "Documents", path: "/documents", end: false },
  { label: "Overview", path: "", end: true },
  { label: "Members", path: "/members", end: false },
  { label: "Teams", path: "/teams", end: false },
  { label: "Settings", path: "/settings", end: false },
  { label: "Billing", path: "/billing", end: false },
];

/** Signed-in frame: brand, workspace switcher, section links, account menu. */
export function AppShell({
  user,
  workspaces,
  current,
  credits,
  isAdmin = false,
  children,
}: {
  isAdmin?: boolean;
  user: PublicUser;
  workspaces: WorkspaceView[];
  current: WorkspaceView | undefined;
  /** The current workspace's spendable credits, always in view. */
  credits: number | undefined;
  children: React.ReactNode;
}) {
  // Menus close when the page changes (a new key remounts the <details>).
  const { pathname } = useLocation();
  return (
    <div className="flex min-h-full flex-col">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Logo to="/app" />
          <details key={`ws-${pathname}`} className="relative" data-testid="workspace-switcher">
            <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-50">
              <span className="sr-only">Current workspace:</span>
              <span className="max-w-28 truncate sm:max-w-40">{current?.name ?? "Choose a workspace"}</span>
              <span aria-hidden>▾</span>
            </summary>
            <div className={menu}>
              <p className="px-3 pt-2 pb-1 text-xs font-semibold uppercase tracking-wide text-stone-500">Switch workspace</p>
              <ul>
                {workspaces.map((w) => (
                  <li key={w.id}>
                    <Link
                      to={`/w/${w.id}`}
                      className={`${menuItem} ${w.id === current?.id ? "font-semibold text-brand-700" : ""}`}
                      aria-current={w.id === current?.id ? "true" : undefined}
                    >
                      {w.name}
                      {w.isPersonal && <span className="ml-2 text-xs text-stone-500">personal</span>}
                    </Link>
                  </li>
                ))}
              </ul>
              <div className="mt-1 border-t border-stone-100 pt-1">
                <Link to="/workspaces" className={menuItem}>
                  Manage workspaces…
                </Link>
              </div>
            </div>
          </details>
          {current && (
            <nav
              aria-label="Workspace"
              className="order-last -mx-1 flex w-full gap-1 overflow-x-auto text-sm sm:order-none sm:mx-0 sm:w-auto"
            >
              {WORKSPACE_SECTIONS.map(({ label, path, end }) => (
                <NavLink
                  key={label}
                  end={end}
                  to={`/w/${current.id}${path}`}
                  className={({ isActive }) => `rounded-lg px-3 py-1.5 ${isActive ? "bg-stone-100 font-medium" : "hover:bg-stone-100"}`}
                >
                  {label}
                </NavLink>
              ))}
            </nav>
          )}
          {current && credits !== undefined && (
            <Link
              to={`/w/${current.id}/billing`}
              className="ml-auto rounded-full border border-stone-300 px-3 py-1 text-xs font-medium text-stone-700 hover:bg-stone-50"
              data-testid="credit-balance"
            >
              {Math.floor(credits).toLocaleString("en")} credits
            </Link>
          )}
          <details key={`account-${pathname}`} className={`relative ${current && credits !== undefined ? "" : "ml-auto"}`}>
            <summary className="flex cursor-pointer list-none items-center gap-2 rounded-full text-sm" aria-label="Account menu">
              <span aria-hidden className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-700">
                {(user.name || user.email).slice(0, 1).toUpperCase()}
              </span>
            </summary>
            <div className={`${menu} right-0`}>
              <div className="px-3 py-2 text-sm">
                {user.name && <p className="font-medium">{user.name}</p>}
                <p className="truncate text-stone-600">{user.email}</p>
              </div>
              {isAdmin && (
                <Link to="/admin" className={`${menuItem} border-t border-stone-100`}>
                  Administration
                </Link>
              )}
              <Form method="post" action="/logout" className="border-t border-stone-100 pt-1">
                <button type="submit" className={menuItem}>
                  Sign out
                </button>
              </Form>
            </div>
          </details>
        </div>
      </header>
      <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">{children}</main>
    </div>
  );
}
