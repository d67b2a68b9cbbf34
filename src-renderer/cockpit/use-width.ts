// The width of an element, kept up to date as the window resizes (charts draw to it). A
// callback ref: the element may appear after the first render (once the figures arrive).
import { useCallback, useEffect, useRef, useState } from 'react';

export function useWidth<T extends HTMLElement>(fallback = 640): [(element: T | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (element: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!element) return;
      setWidth(element.clientWidth || fallback);
      observer.current = new ResizeObserver(([entry]) => {
        if (entry) setWidth(Math.round(entry.contentRect.width) || fallback);
      });
      observer.current.observe(element);
    },
    [fallback],
  );
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}
