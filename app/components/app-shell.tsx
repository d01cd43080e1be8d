import { Form, Link, NavLink, useMatches } from "react-router";
import type { PublicUser } from "~/modules/auth/accounts.server";
import type { WorkspaceView } from "~/modules/workspaces/workspaces.server";
import { Logo } from "./logo";
import { ThemeSwitch } from "./theme-switch";
import { cx } from "./ui/cx";
import { Popover, popoverItemClass } from "./ui/popover";

const WORKSPACE_SECTIONS = [
  { label: "Chats", path: "/chats", end: false },
  { label: "Documents", path: "/documents", end: false },
  { label: "Overview", path: "", end: true },
  { label: "Members", path: "/members", end: false },
  { label: "Teams", path: "/teams", end: false },
  { label: "Settings", path: "/settings", end: false },
  { label: "Billing", path: "/billing", end: false },
];

/**
 * A route whose screen uses the whole width and height below the header (the
 * chat screen, for one) says so in its module: `export const handle = { fullWidth: true }`.
 */
export type ShellHandle = { fullWidth?: boolean };

const initial = (text: string) => text.trim().slice(0, 1).toUpperCase() || "?";

/** Signed-in frame: brand, workspace switcher, section links, credits, account menu. */
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
  const fullWidth = useMatches().some((m) => (m.handle as ShellHandle | undefined)?.fullWidth);
  return (
    <div className="flex min-h-full flex-col">
      <header className="sticky top-0 z-20 border-b border-stone-200 bg-white">
        <div className={cx("mx-auto flex h-14 items-center gap-2 px-3 sm:gap-3 sm:px-4", !fullWidth && "max-w-6xl")}>
          <Logo to="/app" compact />
          <span aria-hidden className="hidden text-stone-300 sm:inline">
            /
          </span>
          <WorkspaceSwitcher workspaces={workspaces} current={current} />
          {current && (
            <nav aria-label="Workspace" className="hidden h-full lg:flex">
              <SectionLinks workspaceId={current.id} />
            </nav>
          )}
          <div className="ml-auto flex items-center gap-2">
            {current && credits !== undefined && (
              <Link
                to={`/w/${current.id}/billing`}
                className="rounded-full border border-stone-200 px-2.5 py-1 text-xs font-medium whitespace-nowrap text-stone-700 hover:bg-stone-100"
                data-testid="credit-balance"
              >
                {Math.floor(credits).toLocaleString("en")} credits
              </Link>
            )}
            <AccountMenu user={user} isAdmin={isAdmin} />
          </div>
        </div>
        {current && (
          // The same links as a row of their own on narrow screens (only one of the two is ever displayed).
          <nav aria-label="Workspace" className="flex h-11 overflow-x-auto border-t border-stone-100 px-1 lg:hidden">
            <SectionLinks workspaceId={current.id} spread />
          </nav>
        )}
      </header>
      <main className={cx("w-full flex-1", fullWidth ? "flex min-h-0 flex-col" : "mx-auto max-w-6xl px-4 py-8")}>{children}</main>
    </div>
  );
}

function SectionLinks({ workspaceId, spread = false }: { workspaceId: string; spread?: boolean }) {
  return WORKSPACE_SECTIONS.map(({ label, path, end }) => (
    <NavLink
      key={label}
      end={end}
      to={`/w/${workspaceId}${path}`}
      className={({ isActive }) =>
        cx(
          "-mb-px flex items-center justify-center border-b-2 text-sm whitespace-nowrap",
          spread ? "flex-1 px-2" : "px-2.5",
          isActive ? "border-brand-600 font-medium text-stone-900" : "border-transparent text-stone-600 hover:text-stone-900",
        )
      }
    >
      {label}
    </NavLink>
  ));
}

const MENU_PANEL = "max-w-[calc(100vw-1.5rem)] p-1";

function WorkspaceSwitcher({ workspaces, current }: { workspaces: WorkspaceView[]; current: WorkspaceView | undefined }) {
  return (
    <Popover
      data-testid="workspace-switcher"
      placement="down-start"
      panelLabel="Switch workspace"
      panelClassName={cx(MENU_PANEL, "w-64")}
      triggerClassName="flex max-w-44 items-center gap-2 rounded-lg px-2 py-1.5 text-sm font-medium hover:bg-stone-100 sm:max-w-60"
      trigger={
        <>
          <span
            aria-hidden
            className="flex size-6 shrink-0 items-center justify-center rounded-md bg-brand-100 text-xs font-semibold text-brand-800"
          >
            {initial(current?.name ?? "")}
          </span>
          <span className="sr-only">Current workspace:</span>
          <span className="truncate">{current?.name ?? "Choose a workspace"}</span>
          <span aria-hidden className="text-xs text-stone-500">
            ▾
          </span>
        </>
      }
    >
      <p className="px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-stone-500 uppercase">Switch workspace</p>
      <ul className="max-h-72 overflow-y-auto">
        {workspaces.map((w) => (
          <li key={w.id}>
            <Link
              to={`/w/${w.id}`}
              className={cx(popoverItemClass, w.id === current?.id && "font-semibold")}
              aria-current={w.id === current?.id ? "true" : undefined}
            >
              <span className="min-w-0 flex-1 truncate">{w.name}</span>
              {w.isPersonal && <span className="text-xs font-normal text-stone-500">personal</span>}
              {w.id === current?.id && (
                <span aria-hidden className="text-brand-700">
                  ✓
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-1 border-t border-stone-100 pt-1">
        <Link to="/workspaces" className={popoverItemClass}>
          Manage workspaces…
        </Link>
      </div>
    </Popover>
  );
}

function AccountMenu({ user, isAdmin }: { user: PublicUser; isAdmin: boolean }) {
  return (
    <Popover
      triggerLabel="Account menu"
      panelLabel="Account"
      panelClassName={cx(MENU_PANEL, "w-72")}
      triggerClassName="flex rounded-full"
      trigger={
        <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">
          {initial(user.name || user.email)}
        </span>
      }
    >
      <div className="px-3 py-2 text-sm">
        {user.name && <p className="truncate font-medium">{user.name}</p>}
        <p className="truncate text-stone-600">{user.email}</p>
      </div>
      <div className="border-t border-stone-100 pt-1">
        <Link to="/account" className={popoverItemClass}>
          Account settings
        </Link>
        {isAdmin && (
          <Link to="/admin" className={popoverItemClass}>
            Administration
          </Link>
        )}
      </div>
      <ThemeSwitch className="border-t border-stone-100 px-3 py-2" />
      <Form method="post" action="/logout" className="border-t border-stone-100 pt-1">
        <button type="submit" className={popoverItemClass}>
          Sign out
        </button>
      </Form>
    </Popover>
  );
}
