// A small multipart/form-data reader for the one staff form that uploads a file (the roster import), so a CSV or
// XLSX can be sent from a browser without a new dependency. The whole body is buffered (the route's bodyLimit bounds
// it); text fields become the body the route's schema checks, the files are kept aside for the handler.
import { BadRequest } from './errors.js';

export interface UploadedFile {
  filename: string;
  data: Buffer;
}

const MAX_PARTS = 20;
const filesOf = new WeakMap<object, Map<string, UploadedFile>>();

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new BadRequest('上传的表单缺少分隔符（boundary）');
  return boundary;
}

function dispositionOf(headers: string): { name: string; filename?: string } {
  const line = headers.split('\r\n').find((h) => /^content-disposition:/i.test(h)) ?? '';
  const name = /\bname="([^"]*)"/i.exec(line)?.[1];
  if (name === undefined) throw new BadRequest('上传的表单格式有误');
  const filename = /\bfilename="([^"]*)"/i.exec(line)?.[1];
  return { name, filename };
}

/** Fields (the last value of a repeated name wins) and files by field name; a malformed body is a 400. */
export function parseMultipart(body: Buffer, contentType: string): Record<string, string> {
  const boundary = boundaryOf(contentType);
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const files = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let at = body.indexOf(`--${boundary}`);
  if (at < 0) throw new BadRequest('上传的表单格式有误');
  at += boundary.length + 2;
  for (let parts = 0; body.subarray(at, at + 2).toString() !== '--'; parts++) {
    if (parts >= MAX_PARTS || body.subarray(at, at + 2).toString() !== '\r\n') throw new BadRequest('上传的表单格式有误');
    const headerEnd = body.indexOf('\r\n\r\n', at + 2);
    const end = headerEnd < 0 ? -1 : body.indexOf(delimiter, headerEnd + 4);
    if (end < 0) throw new BadRequest('上传的表单不完整');
    const { name, filename } = dispositionOf(body.subarray(at + 2, headerEnd).toString('utf8'));
    const data = body.subarray(headerEnd + 4, end);
    if (filename !== undefined) files.set(name, { filename, data: Buffer.from(data) });
    else fields[name] = data.toString('utf8');
    at = end + delimiter.length;
  }
  filesOf.set(fields, files);
  return fields;
}

/** The file sent in field `name` of a body parseMultipart produced, if any (an empty file input sends no bytes). */
export function uploadedFile(body: unknown, name: string): UploadedFile | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const file = filesOf.get(body)?.get(name);
  return file && file.data.length > 0 ? file : undefined;
}
