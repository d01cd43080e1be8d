// "Use documents": the workspace's ready documents this question should be
// answered from. Closes on Escape, on a click outside and after sending.
import { Link } from "react-router";
import { BookIcon } from "./icons";
import { Popover, type PopoverControl } from "../ui/popover";

export type PickableDocument = { id: string; title: string };

export function DocumentPicker({
  control,
  documents,
  selected,
  onChange,
  workspaceId,
}: {
  control: PopoverControl;
  documents: PickableDocument[];
  selected: string[];
  onChange: (ids: string[]) => void;
  workspaceId: string;
}) {
  const label = selected.length ? `${selected.length} ${selected.length === 1 ? "document" : "documents"}` : "Use documents";
  return (
    <Popover
      control={control}
      placement="up-start"
      sheetOnPhone
      // Chosen documents stay in view while the question is typed; sending closes the panel.
      closeOnFocusOut={false}
      panelLabel="Answer from documents"
      triggerLabel={selected.length ? `Grounded in ${label}` : "Use documents"}
      triggerClassName={`flex shrink-0 items-center gap-1.5 rounded-full px-2.5 py-1.5 text-sm hover:bg-stone-100 ${selected.length ? "bg-brand-50 font-medium text-brand-700" : "text-stone-600"}`}
      panelClassName="w-80 max-w-[calc(100vw-2rem)] p-3"
      trigger={
        <>
          <BookIcon className="h-4 w-4" />
          <span className={selected.length ? "" : "max-sm:sr-only"}>{selected.length ? selected.length : label}</span>
        </>
      }
    >
      {documents.length === 0 ? (
        <p className="text-sm text-stone-600">
          No ready documents yet. Attach a file with the paperclip, or{" "}
          <Link to={`/w/${workspaceId}/documents`} className="text-brand-700 underline">
            add some in Documents
          </Link>
          .
        </p>
      ) : (
        <fieldset className="flex max-h-72 flex-col gap-1 overflow-y-auto text-sm max-sm:max-h-[60dvh]">
          <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-stone-500">Answer from these documents</legend>
          {documents.map((d) => (
            <label key={d.id} className="flex items-center gap-2 rounded-lg px-2 py-1.5 hover:bg-stone-50">
              <input
                type="checkbox"
                checked={selected.includes(d.id)}
                onChange={(e) => onChange(e.target.checked ? [...selected, d.id] : selected.filter((id) => id !== d.id))}
                className="h-4 w-4 accent-brand-600"
              />
              <span className="truncate">{d.title}</span>
            </label>
          ))}
        </fieldset>
      )}
    </Popover>
  );
}
