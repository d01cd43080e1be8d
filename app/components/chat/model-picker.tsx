// Choosing the model: a searchable list with each model's provider, what it
// is good for, its price and whether this workspace may use it. On a phone it
// opens as a sheet from the bottom of the screen.
import { Suspense, lazy } from "react";
import type { CatalogModel } from "~/modules/chat/model-catalog.server";
import { ChevronDownIcon } from "./icons";
import { Popover, usePopover } from "../ui/popover";

// The list is fetched when first opened (or when the browser is idle): the chat screen's first load stays small.
const ModelList = lazy(() => import("./model-list"));

export function ModelPicker({ models, value, onChange }: { models: CatalogModel[]; value: string; onChange: (id: string) => void }) {
  const control = usePopover();
  const current = models.find((m) => m.id === value);
  return (
    <Popover
      control={control}
      placement="up-start"
      sheetOnPhone
      panelLabel="Choose a model"
      triggerLabel={`Model: ${current?.label ?? value}`}
      triggerClassName="flex min-w-[7.5rem] max-w-[11rem] shrink-0 items-center gap-1 rounded-full px-2.5 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100 sm:max-w-[14rem]"
      panelClassName="w-[22rem] max-w-[calc(100vw-2rem)]"
      trigger={
        <>
          <span className="truncate">{current?.label ?? value}</span>
          <ChevronDownIcon className="h-3.5 w-3.5 text-stone-500" />
        </>
      }
    >
      {(close) => (
        <Suspense fallback={<p className="p-4 text-sm text-stone-500">Loading models…</p>}>
          <ModelList
            models={models}
            value={value}
            onChoose={(id) => {
              onChange(id);
              close();
            }}
          />
        </Suspense>
      )}
    </Popover>
  );
}
