/**
 * What both servers of a benchmark serve: the same operations, with the same logic in
 * memory. dtostack declares them as DTOs; the fastify baseline as routes with JSON schema.
 */
import { ArrayMaxSize, IsNotEmpty, Max, MaxLength, Min } from 'class-validator'
import { Handles, Prop, Returns, Route, t } from '../src/index'

/** The payload every echo case sends. */
export const echoPayload = { name: 'widget', count: 3, tags: ['red', 'green', 'blue'], price: 9.5, active: true }

/** The one piece of logic both servers run. */
export function respond(input: typeof echoPayload): typeof echoPayload {
  return { name: input.name, count: input.count + 1, tags: input.tags, price: input.price * 2, active: !input.active }
}

export class EchoResponse {
  @Prop() name?: string
  @Prop(t.int) count?: number
  @Prop(t.list(t.string)) tags?: string[]
  @Prop(t.double) price?: number
  @Prop() active?: boolean
}

@Route('/echo', 'POST')
@Returns(() => EchoResponse)
export class Echo {
  @Prop() name?: string
  @Prop(t.int) count?: number
  @Prop(t.list(t.string)) tags?: string[]
  @Prop(t.double) price?: number
  @Prop() active?: boolean
}

@Route('/echo-validated', 'POST')
@Returns(() => EchoResponse)
export class EchoValidated {
  @IsNotEmpty() @MaxLength(50) @Prop() name?: string
  @Min(0) @Max(1000) @Prop(t.int) count?: number
  @ArrayMaxSize(10) @Prop(t.list(t.string)) tags?: string[]
  @Min(0) @Prop(t.double) price?: number
  @Prop() active?: boolean
}

export class EchoServices {
  @Handles()
  post(request: Echo): EchoResponse {
    return respond(request as typeof echoPayload)
  }

  @Handles()
  postValidated(request: EchoValidated): EchoResponse {
    return respond(request as typeof echoPayload)
  }
}

/** The JSON schema of the validated case, with the rules of {@link EchoValidated}. */
export const validatedSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 50 },
    count: { type: 'integer', minimum: 0, maximum: 1000 },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 10 },
    price: { type: 'number', minimum: 0 },
    active: { type: 'boolean' },
  },
} as const

/** The response schema fastify serialises with, for every JSON case. */
export const responseSchema = { 200: validatedSchema } as const

/** The XML namespace of the bench types, as dtostack derives it. */
export const xmlNamespace = 'http://schemas.datacontract.org/2004/07/Bench'
const arrays = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays'
const xsi = 'http://www.w3.org/2001/XMLSchema-instance'

/** The XML request body of the xml case, as ServiceStack's clients send it. */
export const echoXml =
  `<Echo xmlns:i="${xsi}" xmlns="${xmlNamespace}"><Active>true</Active><Count>3</Count><Name>widget</Name>` +
  `<Price>9.5</Price><Tags xmlns:d2p1="${arrays}"><d2p1:string>red</d2p1:string><d2p1:string>green</d2p1:string>` +
  `<d2p1:string>blue</d2p1:string></Tags></Echo>`
