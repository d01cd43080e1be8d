// Where a question is written: the text (Enter sends, Shift+Enter adds a
// line, "/" lists saved prompts), files to attach, documents to answer from,
// the model, the chat's settings, and Send or Stop.
import { Suspense, forwardRef, lazy, useId, useImperativeHandle, useLayoutEffect, useRef, useState } from "react";
import type { CatalogModel } from "~/modules/chat/model-catalog.server";
import type { PromptView } from "~/modules/chat/prompts.server";
import { useAttachments } from "./attachments";
import { DocumentPicker, type PickableDocument } from "./document-picker";
import { ArrowUpIcon, PaperclipIcon, SlidersIcon, StopIcon } from "./icons";
import { ModelPicker } from "./model-picker";
import { usePopover } from "../ui/popover";

const PromptMenu = lazy(() => import("./prompt-menu"));
const AttachmentChips = lazy(() => import("./attachment-chips"));

/** The search of an open "/" menu: the draft is "/" followed by one word at most. */
const slashQuery = (draft: string) => /^\/(\S*)$/.exec(draft)?.[1];

function matchingPrompts(prompts: PromptView[], query: string) {
  const q = query.toLowerCase();
  return prompts.filter((p) => p.title.toLowerCase().includes(q) || p.content.toLowerCase().includes(q)).slice(0, 8);
}

export type ComposerHandle = { focus: () => void; setText: (text: string) => void };

/** What an upload may be (the documents page says the same); the server checks the bytes. */
const ACCEPT = ".pdf,.docx,.md,.markdown,.txt,.html,.htm,.csv";
const MAX_HEIGHT_PX = 208;

export const Composer = forwardRef<
  ComposerHandle,
  {
    draft: string;
    setDraft: (text: string) => void;
    busy: boolean;
    onSend: (question: string, documentIds: string[]) => boolean;
    onStop: () => void;
    models: CatalogModel[];
    modelId: string;
    setModelId: (id: string) => void;
    documents: PickableDocument[];
    documentIds: string[];
    setDocumentIds: (ids: string[]) => void;
    prompts: PromptView[];
    onManagePrompts: () => void;
    /** Absent for a reader of someone else's chat: its settings are its creator's. */
    onOpenSettings?: () => void;
    settingsActive: boolean;
    workspaceId: string;
    /** The microphone button (utilities), beside the model. */
    voice?: React.ReactNode;
  }
>(function Composer(props, ref) {
  const { draft, setDraft, busy, documentIds } = props;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const documentsMenu = usePopover();
  const files = useAttachments(props.workspaceId);
  const [menuIndex, setMenuIndex] = useState(0);
  const [menuClosedFor, setMenuClosedFor] = useState<string | null>(null);
  const listId = useId();

  useImperativeHandle(ref, () => ({
    focus: () => textarea.current?.focus(),
    setText: (text) => {
      setDraft(text);
      requestAnimationFrame(() => {
        textarea.current?.focus();
        textarea.current?.setSelectionRange(text.length, text.length);
      });
    },
  }));

  // The box grows with its text up to a limit, then scrolls.
  useLayoutEffect(() => {
    const box = textarea.current;
    if (!box) return;
    box.style.height = "auto";
    box.style.height = `${Math.min(box.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [draft]);

  const query = slashQuery(draft);
  const menuOpen = query !== undefined && menuClosedFor !== draft;
  const matches = menuOpen ? matchingPrompts(props.prompts, query) : [];
  const active = Math.min(menuIndex, Math.max(0, matches.length - 1));

  function send() {
    if (busy || files.pending || !draft.trim()) return;
    const sent = props.onSend(draft, [...new Set([...documentIds, ...files.readyIds])]);
    if (!sent) return;
    files.clear();
    documentsMenu.setOpen(false);
  }

  function insert(prompt: PromptView) {
    setDraft(prompt.content);
    setMenuIndex(0);
    requestAnimationFrame(() => textarea.current?.setSelectionRange(prompt.content.length, prompt.content.length));
  }

  const waitingFor = files.attachments.find((a) => a.status === "uploading" || a.status === "processing");
  return (
    <form
      className="relative flex flex-col rounded-[1.75rem] border border-stone-300 bg-white shadow-sm transition-[border-color,box-shadow] focus-within:border-stone-500 focus-within:shadow-md"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        files.add(e.dataTransfer.files);
      }}
    >
      {menuOpen && (
        <Suspense fallback={null}>
          <PromptMenu
            prompts={matches}
            active={active}
            listId={listId}
            onChoose={insert}
            onManage={() => {
              setMenuClosedFor(draft);
              props.onManagePrompts();
            }}
          />
        </Suspense>
      )}
      {files.attachments.length > 0 && (
        <Suspense fallback={null}>
          <AttachmentChips attachments={files.attachments} onRemove={files.remove} />
        </Suspense>
      )}
      <label htmlFor="question" className="sr-only">
        Your question
      </label>
      <textarea
        id="question"
        ref={textarea}
        value={draft}
        rows={1}
        onChange={(e) => {
          setDraft(e.target.value);
          setMenuIndex(0);
        }}
        onPaste={(e) => {
          if (e.clipboardData.files.length) {
            e.preventDefault();
            files.add(e.clipboardData.files);
          }
        }}
        onKeyDown={(e) => {
          if (menuOpen && matches.length > 0 && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
            e.preventDefault();
            setMenuIndex((i) => (i + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
            return;
          }
          if (menuOpen && (e.key === "Enter" || e.key === "Tab") && matches[active]) {
            e.preventDefault();
            insert(matches[active]);
            return;
          }
          if (menuOpen && e.key === "Escape") {
            e.preventDefault();
            setMenuClosedFor(draft);
            return;
          }
          // Enter sends; Shift+Enter (or an input method composing a character) adds a line.
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
        role={menuOpen ? "combobox" : undefined}
        aria-expanded={menuOpen ? true : undefined}
        aria-controls={menuOpen ? listId : undefined}
        aria-activedescendant={menuOpen && matches[active] ? `${listId}-${active}` : undefined}
        aria-autocomplete={menuOpen ? "list" : undefined}
        placeholder="Ask anything — “/” for saved prompts"
        className="focus-shown-by-box max-h-52 w-full resize-none bg-transparent px-5 pt-4 pb-2 text-[0.9375rem] leading-6 placeholder:text-stone-400 focus:outline-none"
      />
      <div className="flex items-center gap-1 px-2.5 pb-2.5">
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={ACCEPT}
          className="hidden"
          aria-label="Files to attach"
          onChange={(e) => {
            if (e.target.files?.length) files.add(e.target.files);
            e.target.value = "";
          }}
        />
        <button
          type="button"
          onClick={() => fileInput.current?.click()}
          aria-label="Attach files"
          title="Attach files (PDF, Word, Markdown, text, HTML, CSV)"
          className="shrink-0 rounded-full p-2 text-stone-600 hover:bg-stone-100"
        >
          <PaperclipIcon className="h-[1.125rem] w-[1.125rem]" />
        </button>
        <DocumentPicker
          control={documentsMenu}
          documents={props.documents}
          selected={documentIds}
          onChange={props.setDocumentIds}
          workspaceId={props.workspaceId}
        />
        <ModelPicker models={props.models} value={props.modelId} onChange={props.setModelId} />
        {props.voice}
        {props.onOpenSettings && (
          <button
            type="button"
            onClick={props.onOpenSettings}
            aria-label="Chat settings"
            title="Chat settings: instructions and temperature"
            className={`shrink-0 rounded-full p-2 hover:bg-stone-100 ${props.settingsActive ? "text-brand-700" : "text-stone-600"}`}
          >
            <SlidersIcon className="h-[1.125rem] w-[1.125rem]" />
          </button>
        )}
        <span className="min-w-0 flex-1 truncate px-1 text-right text-xs text-stone-500" aria-live="polite">
          {waitingFor ? `Reading ${waitingFor.filename}…` : ""}
        </span>
        {busy ? (
          <button
            type="button"
            onClick={props.onStop}
            aria-label="Stop"
            title="Stop (Esc)"
            className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-stone-900 text-white hover:bg-stone-700"
          >
            <StopIcon className="h-4 w-4 fill-current" />
          </button>
        ) : (
          <button
            type="submit"
            aria-label="Send"
            title={waitingFor ? "Waiting for attached files to be read" : "Send (Enter)"}
            disabled={!draft.trim() || files.pending}
            className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-stone-900 text-white hover:bg-stone-700 disabled:bg-stone-300"
          >
            <ArrowUpIcon className="h-[1.125rem] w-[1.125rem]" />
          </button>
        )}
      </div>
    </form>
  );
});
