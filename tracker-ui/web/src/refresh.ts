import { useEffect, type MutableRefObject } from "react";

/**
 * Reads something again every `everyMs` while a view is open, because what it shows also moves behind the view's back
 * (production reports, other people): one read at a time, none while the tab is hidden or while `ready` says no, and a
 * read that fails is simply tried at the next tick. `waited` counts the reads the view itself waited for: a background
 * read begun before one of them is older than what that one shows, and is dropped. Starts again when `deps` change.
 */
export function useRefresh<T>(
  waited: MutableRefObject<number>,
  read: () => Promise<T>,
  show: (value: T) => void,
  everyMs: number,
  deps: unknown[],
  ready: () => boolean = () => true,
) {
  useEffect(() => {
    let reading = false;
    const timer = setInterval(() => {
      if (reading || document.hidden || !ready()) return;
      reading = true;
      const began = waited.current;
      read()
        .then((value) => {
          if (waited.current === began) show(value);
        })
        .catch(() => {})
        .finally(() => {
          reading = false;
        });
    }, everyMs);
    return () => clearInterval(timer);
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps
}
