// A chat's settings: instructions sent before every question (a system
// prompt) and the sampling temperature. For a new chat they are kept until
// its first question is sent.
import { useState } from "react";
import { Modal } from "./modal";

export type ChatSettingsValue = { systemPrompt: string; temperature: number | null };

export default function SettingsDialog({
  initial,
  onSave,
  onClose,
}: {
  initial: ChatSettingsValue;
  onSave: (settings: ChatSettingsValue) => void;
  onClose: () => void;
}) {
  const [systemPrompt, setSystemPrompt] = useState(initial.systemPrompt);
  const [temperature, setTemperature] = useState(initial.temperature ?? 0.7);
  const [custom, setCustom] = useState(initial.temperature !== null);
  return (
    <Modal open onClose={onClose} title="Chat settings" description="They apply to every question in this chat.">
      <form
        className="flex flex-col gap-5 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          onSave({ systemPrompt: systemPrompt.trim(), temperature: custom ? temperature : null });
        }}
      >
        <div className="flex flex-col gap-1.5">
          <label htmlFor="system-prompt" className="font-medium">
            Instructions for this chat
          </label>
          <textarea
            id="system-prompt"
            value={systemPrompt}
            onChange={(e) => setSystemPrompt(e.target.value)}
            rows={5}
            maxLength={20_000}
            placeholder="For example: You are a patient maths tutor. Answer in French, in short paragraphs."
            className="rounded-lg border border-stone-300 px-3 py-2"
          />
          <p className="text-xs text-stone-500">Sent to the model as a system prompt before the conversation.</p>
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="font-medium">Temperature</legend>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={!custom} onChange={(e) => setCustom(!e.target.checked)} className="h-4 w-4 accent-brand-600" />
            Use the model's default
          </label>
          <div className={`flex items-center gap-3 ${custom ? "" : "opacity-50"}`}>
            <label htmlFor="temperature" className="sr-only">
              Temperature
            </label>
            <span className="text-xs text-stone-500">Precise</span>
            <input
              id="temperature"
              type="range"
              min={0}
              max={1}
              step={0.1}
              value={temperature}
              disabled={!custom}
              onChange={(e) => setTemperature(Number(e.target.value))}
              className="flex-1 accent-brand-600"
            />
            <span className="text-xs text-stone-500">Creative</span>
            <output htmlFor="temperature" className="w-8 text-right tabular-nums">
              {temperature.toFixed(1)}
            </output>
          </div>
        </fieldset>
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded-lg px-4 py-2 hover:bg-stone-100">
            Cancel
          </button>
          <button type="submit" className="rounded-lg bg-stone-900 px-4 py-2 font-medium text-white hover:bg-stone-700">
            Save settings
          </button>
        </div>
      </form>
    </Modal>
  );
}
