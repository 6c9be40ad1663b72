import { useState } from "react";
import { ApiError, messageOf } from "../api/errors";

export interface Upload {
  key: number;
  name: string;
  /** 0 to 1, as the browser reports the bytes sent. */
  progress: number;
  error?: string;
}

let uploadSeq = 0;

/**
 * Files sent one after another, each listed with its progress while it goes. A file refused before
 * sending (`refusal` names why) or failed by the server stays listed with its reason until
 * dismissed; a sent one leaves the list and `done` gets what the server made of it.
 */
export function useUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);

  const send = async <T>(
    chosen: FileList | File[],
    refusal: (file: File) => string | null,
    post: (file: File, progress: (fraction: number) => void) => Promise<T>,
    done: (created: T, count: number) => void,
  ) => {
    // A copy: the input's FileList empties when the input is reset for the next choice.
    const files = Array.from(chosen);
    for (const file of files) {
      const key = ++uploadSeq;
      const refused = refusal(file);
      setUploads((u) => [...u, { key, name: file.name, progress: 0, error: refused ?? undefined }]);
      if (refused) continue;
      const update = (change: Partial<Upload>) =>
        setUploads((u) => u.map((x) => (x.key === key ? { ...x, ...change } : x)));
      try {
        const created = await post(file, (progress) => update({ progress }));
        setUploads((u) => u.filter((x) => x.key !== key));
        done(created, files.length);
      } catch (e) {
        update({ error: e instanceof ApiError ? e.message : messageOf(e) });
      }
    }
  };

  const dismiss = (key: number) => setUploads((u) => u.filter((x) => x.key !== key));

  return { uploads, send, dismiss };
}
