// What Cairn accepts for speech-to-text, in one place: the route, the body
// limit, the sniffer and the recorder in the browser all read these.

/** Audio containers Cairn transcribes, recognised by their bytes (see sniff-audio.server.ts). */
export const AUDIO_FORMATS = ["mp3", "mp4", "wav", "webm", "ogg", "flac"] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];

/** For messages: the accepted types as a person names them. */
export const ACCEPTED_AUDIO_LABEL = "MP3, MP4/M4A, WAV, WebM, Ogg or FLAC";

/** Largest recording accepted (the transcription API's own limit). */
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;

/** What the browser recorder tries, best first: webm/opus (Chromium, Firefox), then mp4 (Safari). */
export const RECORDING_MIME_TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"] as const;

/** The longest recording the microphone button takes before it stops by itself. */
export const MAX_RECORDING_SECONDS = 10 * 60;
