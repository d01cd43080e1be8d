import { NavLink } from "react-router";

/** Members and Teams: the two pages about a workspace's people. */
export function PeopleTabs({ workspaceId }: { workspaceId: string }) {
  const tab = ({ isActive }: { isActive: boolean }) =>
    `rounded-lg px-3 py-1.5 text-sm ${isActive ? "bg-stone-200 font-medium" : "text-stone-700 hover:bg-stone-100"}`;
  return (
    <nav aria-label="People" className="flex gap-1">
      <NavLink to={`/w/${workspaceId}/members`} className={tab}>
        Members
      </NavLink>
      <NavLink to={`/w/${workspaceId}/teams`} className={tab}>
        Teams
      </NavLink>
    </nav>
  );
}
