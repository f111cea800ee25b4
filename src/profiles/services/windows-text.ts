// Decodes Windows launcher files as OpenClaw writes them: UTF-16 LE with a BOM (.vbs, task XML), a marked console code page (.cmd), else UTF-8.
const CODE_PAGE_PREAMBLE = /^@chcp \d+ >nul\s*$/;
// OpenClaw 2026.9 (encodeWindowsLauncherScript) marks a non-ASCII .cmd written in the console code page.
const ENCODING_MARKER = /^@rem openclaw-launcher-encoding=(\S+)\s*$/;

function decodeAs(data: Buffer, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(data);
  } catch {
    // An OEM code page TextDecoder lacks (cp437, cp850): ASCII, and so every path part clawdoc maps, stays exact.
    return data.toString('latin1');
  }
}

export function decodeWindowsText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return data.subarray(2).toString('utf16le');
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  // UTF-16 LE without a BOM: ASCII text with a zero high byte.
  if (data.length >= 2 && data[0] !== 0 && data[1] === 0) return data.toString('utf16le');
  let start = 0;
  let end = data.indexOf(10);
  if (end !== -1 && CODE_PAGE_PREAMBLE.test(data.subarray(0, end).toString('latin1'))) {
    start = end + 1;
    end = data.indexOf(10, start);
  }
  const marker = end === -1 ? null : ENCODING_MARKER.exec(data.subarray(start, end).toString('latin1'));
  if (marker) return decodeAs(data.subarray(end + 1), marker[1]!);
  return data.toString('utf8');
}
