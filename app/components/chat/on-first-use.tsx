// Voice input and translation fetched on first use (the chat screen's first
// load stays small): until then the microphone is a plain button that looks
// like the real one, and its first press opens the real part, already started.
import { Suspense, lazy, useState } from "react";

const VoiceInput = lazy(() => import("./voice-input").then((m) => ({ default: m.VoiceInput })));
const TranslateAnswer = lazy(() => import("./translate-answer").then((m) => ({ default: m.TranslateAnswer })));

export const loadVoiceInput = () => import("./voice-input");
export const loadTranslateAnswer = () => import("./translate-answer");

// As voice-input.tsx draws it (not imported from there: that would load it with this file).
const micButton =
  "inline-flex shrink-0 items-center justify-center rounded-full p-2 text-stone-600 hover:bg-stone-100 disabled:cursor-not-allowed disabled:opacity-60";

function MicrophoneButton({ onPress, disabled }: { onPress?: () => void; disabled?: boolean }) {
  return (
    <button
      type="button"
      className={micButton}
      onClick={onPress}
      disabled={disabled}
      aria-label="Record a question"
      title="Speak instead of typing"
    >
      <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
        <rect x="9" y="3" width="6" height="11" rx="3" />
        <path d="M5 11a7 7 0 0 0 14 0M12 18v3" strokeLinecap="round" />
      </svg>
    </button>
  );
}

export function VoiceInputOnFirstUse(props: { workspaceId: string; onTranscript: (text: string) => void; disabled?: boolean }) {
  const [used, setUsed] = useState(false);
  if (!used) return <MicrophoneButton onPress={() => setUsed(true)} disabled={props.disabled} />;
  return (
    <Suspense fallback={<MicrophoneButton disabled />}>
      <VoiceInput {...props} startAtOnce />
    </Suspense>
  );
}

/** Translation of an answer, fetched the first time someone asks for one. */
export function TranslatePanel(props: React.ComponentProps<typeof TranslateAnswer>) {
  return (
    <Suspense fallback={null}>
      <TranslateAnswer {...props} />
    </Suspense>
  );
}
