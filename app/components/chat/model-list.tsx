// The model picker's searchable list (model-picker.tsx opens it).
import { useId, useState } from "react";
import type { CatalogModel } from "~/modules/chat/model-catalog.server";
import { LockIcon, SearchIcon } from "./icons";

const PROVIDERS = { openai: "OpenAI", anthropic: "Anthropic" } as const;
const usable = (m: CatalogModel) => m.allowed && m.available;
const price = (m: CatalogModel) => `${m.inputCreditsPer1K} in · ${m.outputCreditsPer1K} out credits per 1K tokens`;

export default function ModelList({ models, value, onChoose }: { models: CatalogModel[]; value: string; onChoose: (id: string) => void }) {
  const [query, setQuery] = useState("");
  const listId = useId();
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = models
    .filter((m) => words.every((w) => `${m.label} ${PROVIDERS[m.provider]} ${m.description}`.toLowerCase().includes(w)))
    .sort((a, b) => Number(usable(b)) - Number(usable(a)));
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      shown.findIndex((m) => m.id === value),
    ),
  );
  const activeIndex = Math.min(active, shown.length - 1);
  const move = (step: number) => {
    if (shown.length === 0) return;
    setActive((i) => (Math.min(i, shown.length - 1) + step + shown.length) % shown.length);
  };

  return (
    <div className="flex max-h-[inherit] flex-col">
      <div className="flex items-center gap-2 border-b border-stone-100 px-3 py-2">
        <SearchIcon className="h-4 w-4 text-stone-400" />
        <label htmlFor={`${listId}-search`} className="sr-only">
          Search models
        </label>
        <input
          id={`${listId}-search`}
          data-autofocus
          role="combobox"
          aria-expanded
          aria-controls={listId}
          aria-activedescendant={shown[activeIndex] ? `${listId}-${shown[activeIndex].id}` : undefined}
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              move(e.key === "ArrowDown" ? 1 : -1);
            } else if (e.key === "Enter") {
              e.preventDefault();
              const model = shown[activeIndex];
              if (model && usable(model)) onChoose(model.id);
            }
          }}
          placeholder="Search models"
          className="w-full bg-transparent py-1 text-sm focus:outline-none"
        />
      </div>
      <ul id={listId} role="listbox" aria-label="Models" className="max-h-80 overflow-y-auto p-1 max-sm:max-h-[60dvh]">
        {shown.length === 0 && <li className="px-3 py-6 text-center text-sm text-stone-500">No model matches “{query}”.</li>}
        {shown.map((m, i) => (
          <li
            key={m.id}
            id={`${listId}-${m.id}`}
            role="option"
            aria-selected={m.id === value}
            aria-disabled={!usable(m)}
            onMouseEnter={() => setActive(i)}
            onClick={() => usable(m) && onChoose(m.id)}
            className={`flex cursor-pointer flex-col gap-0.5 rounded-lg px-3 py-2 ${i === activeIndex ? "bg-stone-100" : ""} ${usable(m) ? "" : "cursor-not-allowed opacity-60"}`}
          >
            <span className="flex items-center justify-between gap-2">
              <span className="text-sm font-medium text-stone-900">
                {m.label}
                {m.id === value && <span className="sr-only"> (chosen)</span>}
              </span>
              <span className="shrink-0 text-xs text-stone-500">{PROVIDERS[m.provider]}</span>
            </span>
            {m.description && <span className="text-xs text-stone-600">{m.description}</span>}
            <span className="flex flex-wrap items-center gap-x-2 text-xs text-stone-500">
              <span>{price(m)}</span>
              {!m.allowed && (
                <span className="inline-flex items-center gap-1 font-medium text-amber-800">
                  <LockIcon className="h-3 w-3" /> Pro plan
                </span>
              )}
              {m.allowed && !m.available && <span className="font-medium text-amber-800">No API key on this server</span>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
