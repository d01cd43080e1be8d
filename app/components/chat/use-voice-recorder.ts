// Records the microphone with the browser's MediaRecorder (webm/opus where
// the browser has it, else what it offers) and turns the recording into text
// through POST /api/transcribe-audio.
import { useCallback, useEffect, useRef, useState } from "react";
import { MAX_RECORDING_SECONDS, RECORDING_MIME_TYPES } from "~/modules/speech/audio-types";

export type RecorderPhase = "idle" | "starting" | "recording" | "transcribing";

const UNSUPPORTED = "This browser cannot record audio here, so type your question instead.";

function microphoneProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError")
    return "Microphone access was denied. Allow it for this site in your browser's settings to talk instead of typing.";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No microphone was found. Plug one in, or type your question.";
  if (name === "NotReadableError") return "The microphone is in use by another application.";
  return `The microphone could not be started${error instanceof Error && error.message ? `: ${error.message}` : "."}`;
}

const extensionFor = (mimeType: string) => (mimeType.includes("mp4") ? "m4a" : mimeType.includes("ogg") ? "ogg" : "webm");

/** State and controls of one microphone button; `onTranscript` receives the text of each finished recording. */
export function useVoiceRecorder({ workspaceId, onTranscript }: { workspaceId: string; onTranscript: (text: string) => void }) {
  const [phase, setPhase] = useState<RecorderPhase>("idle");
  const [seconds, setSeconds] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const upload = useRef<AbortController | null>(null);
  const discard = useRef(false);
  const latestOnTranscript = useRef(onTranscript);
  useEffect(() => {
    latestOnTranscript.current = onTranscript;
  }, [onTranscript]);

  const release = useCallback(() => {
    clearInterval(timer.current);
    recorder.current?.stream.getTracks().forEach((track) => track.stop());
    recorder.current = null;
  }, []);

  const transcribe = useCallback(
    async (recording: Blob) => {
      setPhase("transcribing");
      const controller = new AbortController();
      upload.current = controller;
      const form = new FormData();
      form.append("file", recording, `recording.${extensionFor(recording.type)}`);
      form.append("workspaceId", workspaceId);
      try {
        const response = await fetch("/api/transcribe-audio", { method: "POST", body: form, signal: controller.signal });
        const body = (await response.json().catch(() => ({}))) as { text?: string; error?: string };
        if (!response.ok) setProblem(`The recording could not be transcribed: ${body.error ?? `error ${response.status}`}`);
        else if (!body.text?.trim()) setProblem("No speech was heard in the recording. Try again a little closer to the microphone.");
        else latestOnTranscript.current(body.text.trim());
      } catch {
        if (!controller.signal.aborted) setProblem("The recording could not be sent. Check your connection and try again.");
      } finally {
        upload.current = null;
        setPhase("idle");
      }
    },
    [workspaceId],
  );

  const stop = useCallback(() => {
    if (recorder.current?.state === "recording") recorder.current.stop();
  }, []);

  const start = useCallback(async () => {
    setProblem(null);
    if (typeof MediaRecorder === "undefined" || !navigator.mediaDevices?.getUserMedia) return setProblem(UNSUPPORTED);
    setPhase("starting");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      setPhase("idle");
      return setProblem(microphoneProblem(error));
    }
    const mimeType = RECORDING_MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    let media: MediaRecorder;
    try {
      media = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    } catch {
      stream.getTracks().forEach((track) => track.stop());
      setPhase("idle");
      return setProblem(UNSUPPORTED);
    }
    const chunks: Blob[] = [];
    media.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    media.onstop = () => {
      const type = media.mimeType || mimeType || "audio/webm";
      release();
      if (discard.current) return setPhase("idle");
      void transcribe(new Blob(chunks, { type }));
    };
    discard.current = false;
    recorder.current = media;
    // Slices of a second, so a long recording is never held in one piece by the encoder.
    media.start(1000);
    const startedAt = Date.now();
    setSeconds(0);
    setPhase("recording");
    timer.current = setInterval(() => {
      const elapsed = (Date.now() - startedAt) / 1000;
      setSeconds(Math.floor(elapsed));
      if (elapsed >= MAX_RECORDING_SECONDS) stop();
    }, 250);
  }, [release, stop, transcribe]);

  const cancel = useCallback(() => {
    discard.current = true;
    if (recorder.current?.state === "recording") recorder.current.stop();
    else release();
    upload.current?.abort();
  }, [release]);

  // Leaving the page ends the recording and the upload; nothing is transcribed.
  useEffect(
    () => () => {
      discard.current = true;
      if (recorder.current?.state === "recording") recorder.current.stop();
      release();
      upload.current?.abort();
    },
    [release],
  );

  return { phase, seconds, problem, start, stop, cancel, dismissProblem: () => setProblem(null) };
}
