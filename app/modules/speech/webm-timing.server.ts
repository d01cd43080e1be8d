// The length of a WebM (Matroska) recording. Files written by a muxer carry
// it in Segment › Info › Duration; a browser's MediaRecorder streams its file
// and never goes back to write one (its Segment and Clusters even have an
// "unknown" size), so then the length is the last block's timestamp plus one
// frame. The walk descends into the few elements that hold timing and skips
// every other element by its size, so it reads headers, not audio.

const ID = {
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  cluster: 0x1f43b675,
  clusterTimecode: 0xe7,
  blockGroup: 0xa0,
  block: 0xa1,
  simpleBlock: 0xa3,
} as const;

// Masters whose children hold timing: walked into, whatever size they declare.
const WALK_INTO = new Set<number>([ID.segment, ID.info, ID.cluster, ID.blockGroup]);

const DEFAULT_TIMECODE_SCALE_NS = 1_000_000;

type Vint = { value: number; length: number; unknown: boolean };

/** An EBML variable-length integer at `at`; `keepMarker` for element ids, which keep their length bits. */
function readVint(bytes: Uint8Array, at: number, keepMarker: boolean): Vint | null {
  const first = bytes[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[at + i]!;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUint(bytes: Uint8Array, start: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + bytes[start + i]!;
  return value;
}

function readFloat(bytes: Uint8Array, start: number, size: number): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, size);
  if (size === 4) return view.getFloat32(0);
  if (size === 8) return view.getFloat64(0);
  return null;
}

/** Seconds of audio in a WebM file, or null when it holds no timing at all. */
export function webmDurationSeconds(bytes: Uint8Array): number | null {
  let scaleNs = DEFAULT_TIMECODE_SCALE_NS;
  let declared: number | null = null;
  let clusterTime = 0;
  // The two latest block timestamps: the last one, and the gap before it (one frame).
  let latest = -Infinity;
  let beforeLatest = -Infinity;

  const noteBlock = (start: number, end: number) => {
    const track = readVint(bytes, start, false);
    if (!track || start + track.length + 2 > end) return;
    const view = new DataView(bytes.buffer, bytes.byteOffset + start + track.length, 2);
    const time = clusterTime + view.getInt16(0);
    if (time > latest) {
      beforeLatest = latest;
      latest = time;
    } else if (time < latest && time > beforeLatest) beforeLatest = time;
  };

  let at = 0;
  while (at < bytes.length) {
    const id = readVint(bytes, at, true);
    const size = id && readVint(bytes, at + id.length, false);
    if (!id || !size) break;
    const start = at + id.length + size.length;
    if (WALK_INTO.has(id.value)) {
      at = start;
      continue;
    }
    // Any other element of unknown size cannot be skipped: the timing read so far is all there is.
    if (size.unknown) break;
    const end = Math.min(start + size.value, bytes.length);
    switch (id.value) {
      case ID.timecodeScale:
        scaleNs = readUint(bytes, start, end - start) || DEFAULT_TIMECODE_SCALE_NS;
        break;
      case ID.duration:
        declared = end - start === size.value ? readFloat(bytes, start, size.value) : null;
        break;
      case ID.clusterTimecode:
        clusterTime = readUint(bytes, start, end - start);
        break;
      case ID.simpleBlock:
      case ID.block:
        // A cut-off last block still has its timestamp in its first bytes.
        noteBlock(start, end);
        break;
    }
    at = start + size.value;
  }

  const toSeconds = (ticks: number) => (ticks * scaleNs) / 1e9;
  if (declared !== null && Number.isFinite(declared) && declared > 0) return toSeconds(declared);
  if (latest === -Infinity) return null;
  const frame = beforeLatest === -Infinity ? 0 : latest - beforeLatest;
  const seconds = toSeconds(Math.max(0, latest + frame));
  return Number.isFinite(seconds) ? seconds : null;
}
