// The chat screen's icons: simple strokes drawn for Cairn on a 24-unit grid,
// sized by the text around them and hidden from assistive technology (the
// buttons they sit in carry the names).
type IconProps = { className?: string };

function Icon({ d, className = "h-4 w-4" }: IconProps & { d: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable="false"
      className={`shrink-0 ${className}`}
    >
      <path d={d} />
    </svg>
  );
}

const make = (d: string) =>
  function DrawnIcon(props: IconProps) {
    return <Icon d={d} {...props} />;
  };

export const PlusIcon = make("M12 5v14M5 12h14");
export const CloseIcon = make("M6 6l12 12M18 6L6 18");
export const ChevronDownIcon = make("M6 9l6 6 6-6");
export const ChevronLeftIcon = make("M15 6l-6 6 6 6");
export const ChevronRightIcon = make("M9 6l6 6-6 6");
export const ArrowUpIcon = make("M12 19V5M6 11l6-6 6 6");
export const ArrowDownIcon = make("M12 5v14M6 13l6 6 6-6");
export const StopIcon = make("M8 8h8v8H8z");
export const MenuIcon = make("M4 7h16M4 12h16M4 17h16");
export const SidebarIcon = make("M4 5h16v14H4zM9.5 5v14");
export const PencilIcon = make("M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4");
export const CopyIcon = make("M9 9h10v10H9zM5 15V5h10");
export const CheckIcon = make("M5 12.5l4.5 4.5L19 7.5");
export const RetryIcon = make("M19 12a7 7 0 1 1-2.05-4.95M19 4v4h-4");
export const TrashIcon = make("M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13");
export const PinIcon = make("M9 4h6M10 4v6l-3 4h10l-3-4V4M12 14v6");
export const ShareIcon = make("M12 15V4M8 8l4-4 4 4M5 13v6h14v-6");
export const SearchIcon = make("M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5L20 20");
export const PaperclipIcon = make("M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7L9.7 17.2a1.7 1.7 0 0 1-2.4-2.4L15 7");
export const SlidersIcon = make("M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4");
export const DotsIcon = make("M5 12h.01M12 12h.01M19 12h.01");
export const BookIcon = make("M5 4h10a3 3 0 0 1 3 3v13H8a3 3 0 0 1-3-3zM5 17a3 3 0 0 1 3-3h10");
export const KeyboardIcon = make("M3 7h18v10H3zM7 11h.01M11 11h.01M15 11h.01M8 14h8");
export const LockIcon = make("M7 11h10v9H7zM9 11V8a3 3 0 0 1 6 0v3");
export const ThumbUpIcon = make("M7 11v9H4v-9zM7 11l4-7a2 2 0 0 1 2 2v4h5a2 2 0 0 1 2 2.3l-1.2 6A2 2 0 0 1 16.8 20H7");
export const ThumbDownIcon = make("M7 13V4H4v9zM7 13l4 7a2 2 0 0 0 2-2v-4h5a2 2 0 0 0 2-2.3l-1.2-6A2 2 0 0 0 16.8 4H7");
export const FileIcon = make("M6 3h8l4 4v14H6zM14 3v4h4");
// Two scripts side by side: a letter and a character, with the arrow between them.
export const TranslateIcon = make("M4 5h7M7.5 5v2c0 3-1.5 5.5-4 7M5.5 9c1 2 3 3.5 5.5 4.5M13 20l3.5-8 3.5 8M14.2 17.3h4.6");
export const SparkIcon = make("M12 3v4M12 17v4M3 12h4M17 12h4M6 6l2.5 2.5M15.5 15.5L18 18M18 6l-2.5 2.5M8.5 15.5L6 18");
