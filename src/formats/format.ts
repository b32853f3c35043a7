/**
 * The contract every wire format fulfils: how it is named, which media types select it,
 * how a response is written and how a request body is read.
 */
import type { TypeRef } from '../registry/model'
import type { DateStyle } from './values'

/** Settings that shape what a format writes. */
export interface SerializeOptions {
  /** How JSON writes instants. @default 'iso8601' */
  readonly dateStyle: DateStyle
  /** The operation answered, for formats that name it (the HTML page's title). */
  readonly operation?: string
}

/** Settings that shape how request bodies are read. */
export interface ParseOptions {
  /** Require the XML root's namespace, as DataContractSerializer does. */
  readonly strictXml: boolean
  /**
   * How deep the request's values may nest. Binding names the member past it; a parser
   * refuses only a body past {@link nestingBound} of it, which keeps its work bounded.
   */
  readonly maxDepth: number
}

/**
 * How deep a parser lets a body nest, for values that may nest `maxDepth` deep: XML
 * spends two elements on each level of a map, and 256 leaves room for what is ignored.
 */
export function nestingBound(maxDepth: number): number {
  return Math.max(256, 2 * maxDepth + 2)
}

/** A request body as a format has read it, before it is bound to a DTO. */
export interface ParsedBody {
  /** Objects, lists and leaves, with no prototype tricks left in them. */
  readonly value: unknown
  /** The leaves are text to coerce (XML, JSV, forms), not typed values (JSON). */
  readonly textual: boolean
}

/** A wire format. */
export interface Format {
  /** The name used by `?format=`, route suffixes and pre-defined routes (`json`). */
  readonly name: string
  /** The `Content-Type` of responses. */
  readonly contentType: string
  /** Media types that select the format, in requests and in `Accept`. */
  readonly mediaTypes: readonly string[]
  /** The media type metadata pages show in samples. @default the content type without parameters */
  readonly sampleMediaType?: string
  /** Writes a response (or error) DTO; `type` is its model type when known. */
  serialize(value: unknown, type: TypeRef | undefined, options: SerializeOptions): string
  /**
   * Writes a sample message for metadata pages, laid out for reading. Absent: the pages show
   * JSON bodies, as ServiceStack's CSV pages do.
   */
  sample?(value: unknown, type: TypeRef, options: SerializeOptions): string
  /**
   * Reads a request body expected to hold a `type` (a request DTO, or a list of them for
   * a batch); throws an `ApiError` when it is malformed. Absent: the format reads no bodies.
   */
  parse?(text: string, type: TypeRef, options: ParseOptions): ParsedBody
  /** Headers a response in this format carries besides its content type. */
  headers?(operation: string): Record<string, string>
}
