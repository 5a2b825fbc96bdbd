import { InternalError } from '../errors.js';
// pdfkit copies the title, author and subject into the XMP metadata (where PDF/UA readers
// look for the title) without escaping them, so a title such as "MUS & trivsel" would make
// the XMP packet invalid XML. The Info dictionary must keep the text as it is, and both are
// written from the same `info` by pdfkit's end(), so the packet is mended in the finished
// file instead. XMP packets are made to be found and edited in place in any file (the
// `<?xpacket?>` wrapper, XMP part 1); keeping its byte length keeps the PDF's cross-reference
// offsets and the stream's /Length right: the indentation between elements gives the room.

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The file with `values` (as pdfkit wrote them into the XMP packet) escaped there; unchanged when none needs it. */
export function escapeXmpValues(pdf: Buffer, values: readonly string[]): Buffer {
  const needing = [...new Set(values)].filter((value) => /[&<>]/.test(value));
  if (needing.length === 0) return pdf;
  const begin = pdf.indexOf('<?xpacket begin=');
  const end = begin < 0 ? -1 : pdf.indexOf('<?xpacket end=', begin);
  if (end < 0) throw new InternalError('pdf: the XMP packet to escape the metadata in was not found');
  const packet = pdf.subarray(begin, end).toString('utf8');
  let mended = packet;
  for (const value of needing) mended = mended.split(`>${value}<`).join(`>${escapeXml(value)}<`);
  let surplus = Buffer.byteLength(mended) - Buffer.byteLength(packet);
  mended = mended.replace(/\n( +)</g, (_, spaces: string) => {
    const cut = Math.min(surplus, spaces.length);
    surplus -= cut;
    return `\n${spaces.slice(cut)}<`;
  });
  if (surplus > 0) throw new InternalError('pdf: no room in the XMP packet to escape the metadata');
  return Buffer.concat([pdf.subarray(0, begin), Buffer.from(mended, 'utf8'), pdf.subarray(end)]);
}
