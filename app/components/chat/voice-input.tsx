// The composer's microphone: record a question, see the time run, stop, and
// get its text back to edit and send. Problems (no permission, no recorder,
// a refused upload) are said in plain words beside the button.
import { useVoiceRecorder } from "./use-voice-recorder";

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

const iconButton =
  "inline-flex h-8 items-center justify-center gap-1.5 rounded-lg border border-stone-300 bg-white px-2 text-xs font-medium text-stone-700 hover:bg-stone-100 disabled:cursor-not-allowed disabled:opacity-60";

function MicrophoneIcon() {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" strokeLinecap="round" />
    </svg>
  );
}

export function VoiceInput({
  workspaceId,
  onTranscript,
  disabled = false,
}: {
  workspaceId: string;
  /** The text of a finished recording, for the composer. */
  onTranscript: (text: string) => void;
  disabled?: boolean;
}) {
  const { phase, seconds, problem, start, stop, cancel, dismissProblem } = useVoiceRecorder({ workspaceId, onTranscript });
  return (
    <>
      {phase === "recording" ? (
        // On a phone the controls take their own line, so the composer's other controls keep their size.
        <span className="flex basis-full items-center gap-1.5 sm:basis-auto">
          <span className="flex items-center gap-1.5 text-xs font-medium text-red-700" role="timer" aria-label="Recording time">
            <span className="h-2 w-2 animate-pulse rounded-full bg-red-600" aria-hidden="true" />
            {clock(seconds)}
          </span>
          <button type="button" className={iconButton} onClick={stop}>
            <span className="h-2.5 w-2.5 rounded-sm bg-red-600" aria-hidden="true" />
            Stop<span className="sr-only"> recording and transcribe</span>
          </button>
          <button type="button" className={`${iconButton} border-transparent`} onClick={cancel}>
            Cancel<span className="sr-only"> recording</span>
          </button>
        </span>
      ) : phase === "transcribing" ? (
        <span className="flex basis-full items-center gap-1.5 sm:basis-auto">
          <span role="status" className="animate-pulse text-xs text-stone-600">
            Transcribing…
          </span>
          <button type="button" className={`${iconButton} border-transparent`} onClick={cancel}>
            Cancel<span className="sr-only"> transcription</span>
          </button>
        </span>
      ) : (
        <button
          type="button"
          className={iconButton}
          onClick={() => void start()}
          disabled={disabled || phase === "starting"}
          aria-label="Record a question"
          title="Speak instead of typing"
        >
          <MicrophoneIcon />
        </button>
      )}
      {problem && (
        <p role="alert" className="flex basis-full items-start justify-between gap-2 text-xs text-red-700">
          {problem}
          <button type="button" className="shrink-0 underline" onClick={dismissProblem}>
            Dismiss
          </button>
        </p>
      )}
    </>
  );
}
