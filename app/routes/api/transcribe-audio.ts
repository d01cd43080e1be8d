import { requireCaller } from "~/modules/auth/caller.server";
import { apiRoute, issuesOf, json } from "~/modules/http/api.server";
import { AUDIO_UPLOAD_BODY_LIMIT } from "~/modules/http/body.server";
import { HttpError } from "~/modules/http/errors";
import { readUploadForm } from "~/modules/http/uploads.server";
import { MAX_AUDIO_BYTES } from "~/modules/speech/audio-types";
import { transcribeFieldsSchema } from "~/modules/speech/schemas";
import { transcribeAudio } from "~/modules/speech/transcribe.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

const noFile = () => new HttpError(422, "Validation failed", [{ path: "file", message: "Send the recording in a field named “file”" }]);

// POST /api/transcribe-audio: multipart `file`, optional `language` (BCP 47) and `workspaceId` → { text }.
export const loader = apiRoute({
  POST: async ({ request, context }) => {
    const caller = requireCaller(context);
    const { file, fields } = await readUploadForm(request, MAX_AUDIO_BYTES, { tooLarge: AUDIO_UPLOAD_BODY_LIMIT.tooLarge, noFile });
    const parsed = transcribeFieldsSchema.safeParse(fields);
    if (!parsed.success) throw new HttpError(422, "Validation failed", issuesOf(parsed.error));
    const membership = workspaceFor(caller, parsed.data.workspaceId);
    const { text } = await transcribeAudio(membership, file, { language: parsed.data.language }, request.signal);
    return json({ text });
  },
});
export const action = loader;
