/**
 * `Content-Encoding: deflate` read both ways it is sent: zlib-wrapped, as RFC 9110 says,
 * or raw, as .NET's DeflateStream (and so ServiceStack's C# clients) writes it.
 */
import { Transform, type TransformCallback } from 'node:stream'
import zlib from 'node:zlib'

class EitherInflate extends Transform {
  private inner?: zlib.Inflate | zlib.InflateRaw

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.inner) {
      this.inner = isZlibHeader(chunk) ? zlib.createInflate() : zlib.createInflateRaw()
      this.inner.on('data', (data: Buffer) => this.push(data))
      this.inner.on('error', (error) => this.destroy(error))
    }
    this.inner.write(chunk, done)
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner) return done()
    this.inner.once('end', () => done())
    this.inner.end()
  }
}

// RFC 1950: the method nibble is 8 (deflate) and the two header bytes are a multiple of 31.
function isZlibHeader(chunk: Buffer): boolean {
  return chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && (chunk[0]! * 256 + chunk[1]!) % 31 === 0
}

/** zlib, with `createInflate` reading zlib-wrapped and raw deflate alike. */
export const lenientZlib = { ...zlib, createInflate: () => new EitherInflate() }
