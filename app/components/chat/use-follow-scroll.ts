// Keeps a conversation's newest text in view: a chat opens at its end, a
// streaming answer is followed while the reader is at the bottom, and
// following stops as soon as they scroll up (they get "Jump to latest").
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

/** How close to the end still counts as "at the bottom", in pixels. */
const NEAR_END = 48;

// useLayoutEffect warns during server rendering; there is nothing to scroll there anyway.
const useClientLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

/**
 * Until the page is interactive the scroller is a reversed column, which the
 * browser opens at its end by itself (no flash of a long chat's top); then it
 * is an ordinary column, scrolled to its end before the next paint.
 */
export function useFollowScroll(resetKey: string, empty: boolean) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  // An empty chat (its greeting) is read from the top; there is nothing to follow.
  const isEmpty = useRef(empty);
  useClientLayoutEffect(() => {
    isEmpty.current = empty;
  });
  const [atEnd, setAtEnd] = useState(true);
  const [interactive, setInteractive] = useState(false);

  // At once, not smoothly: a smooth scroll still under way would fight the text growing under it.
  const toEnd = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    following.current = true;
    setAtEnd(true);
    element.scrollTop = element.scrollHeight;
  }, []);

  useClientLayoutEffect(() => setInteractive(true), []);
  // Another chat: start at its end, before the first paint (an empty one, with its greeting, at its top).
  useClientLayoutEffect(() => {
    if (interactive && !empty) toEnd();
  }, [interactive, resetKey, toEnd]);

  useEffect(() => {
    const element = scroller.current;
    const inner = content.current;
    if (!element || !inner) return;
    // Only the reader moves the view up: following stops then, and starts again at the end. (A scroll
    // event of Cairn's own may arrive after the text grew, so "not at the end" alone proves nothing.)
    let lastTop = element.scrollTop;
    const onScroll = () => {
      const end = element.scrollHeight - element.scrollTop - element.clientHeight <= NEAR_END;
      if (end) following.current = true;
      else if (element.scrollTop < lastTop) following.current = false;
      lastTop = element.scrollTop;
      setAtEnd(following.current);
    };
    // Growing text (streaming, a late image, a code block highlighted) keeps the end in view while following.
    const grew = new ResizeObserver(() => {
      if (following.current && !isEmpty.current) element.scrollTop = element.scrollHeight;
    });
    element.addEventListener("scroll", onScroll, { passive: true });
    grew.observe(inner);
    grew.observe(element);
    return () => {
      element.removeEventListener("scroll", onScroll);
      grew.disconnect();
    };
  }, []);

  return {
    scroller,
    content,
    atEnd,
    toEnd,
    /** The scroller's and the content's layout classes (see above). */
    scrollerClass: interactive || empty ? "flex flex-col" : "flex flex-col-reverse",
  };
}
