/**
 * `JSON.parse` keeps the last of two equal keys without a word, so
 * `{"latent":[..],"latent":[..]}` would mean whatever the last one says
 * while a proxy or log may have read the first. This scan finds a repeated
 * key in text that is already known to be valid JSON.
 *
 * @module
 */

/**
 * The first key that appears twice in one object of `text` (compared after
 * unescaping, so `"a"` and `"\u0061"` are the same key), or null. `text`
 * must be valid JSON (parse it first).
 */
export function duplicateJsonKey(text: string): string | null {
  // One Set of keys per open object; null marks an open array.
  const stack: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === 0x5c /* \ */) {
          escaped = true;
          j += 2;
          continue;
        }
        if (c === 0x22) break;
        j++;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const raw = text.slice(i + 1, j);
        const key = escaped ? JSON.parse(`"${raw}"`) as string : raw;
        if (top.has(key)) return key;
        top.add(key);
        expectKey = false;
      }
      i = j;
    } else if (ch === 0x7b /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (ch === 0x5b /* [ */) {
      stack.push(null);
      expectKey = false;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (ch === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] != null;
    }
  }
  return null;
}
