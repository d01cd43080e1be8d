// The menu of what a chat's creator (or an admin) may do to it, in the chat
// list and in the chat's header: rename, share, pin, settings, delete.
import type { ReactNode } from "react";
import { DotsIcon, PencilIcon, PinIcon, ShareIcon, SlidersIcon, TrashIcon } from "./icons";
import { Popover } from "../ui/popover";

function MenuItem({ onSelect, danger = false, children }: { onSelect: () => void; danger?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      role="menuitem"
      onClick={onSelect}
      className={`flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm hover:bg-stone-100 ${danger ? "text-red-700" : ""}`}
    >
      {children}
    </button>
  );
}

export function ChatActionsMenu({
  label,
  pinned,
  onRename,
  onShare,
  onTogglePin,
  onOpenSettings,
  onDelete,
  triggerClassName,
  panelClassName,
  trigger = <DotsIcon />,
}: {
  label: string;
  pinned: boolean;
  onRename: () => void;
  /** Absent where sharing has a button of its own (the header). */
  onShare?: () => void;
  onTogglePin: () => void;
  onOpenSettings?: () => void;
  onDelete: () => void;
  triggerClassName: string;
  panelClassName: string;
  trigger?: ReactNode;
}) {
  return (
    <Popover
      placement="down-end"
      panelLabel={label}
      triggerLabel={label}
      triggerClassName={triggerClassName}
      panelClassName={panelClassName}
      trigger={trigger}
    >
      {(close) => {
        // Each choice closes the menu first (a dialog or form takes over from it).
        const choose = (action: () => void) => () => (close(), action());
        return (
          <div role="menu" aria-label={label}>
            <MenuItem onSelect={choose(onRename)}>
              <PencilIcon /> Rename
            </MenuItem>
            {onShare && (
              <MenuItem onSelect={choose(onShare)}>
                <ShareIcon /> Share
              </MenuItem>
            )}
            <MenuItem onSelect={choose(onTogglePin)}>
              <PinIcon /> {pinned ? "Unpin" : "Pin"}
            </MenuItem>
            {onOpenSettings && (
              <MenuItem onSelect={choose(onOpenSettings)}>
                <SlidersIcon /> Chat settings
              </MenuItem>
            )}
            <MenuItem onSelect={choose(onDelete)} danger>
              <TrashIcon /> Delete
            </MenuItem>
          </div>
        );
      }}
    </Popover>
  );
}
