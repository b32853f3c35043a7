/**
 * ServiceStack's error DTOs. They are part of every model, in ServiceStack's own
 * namespace, so errors serialise in every format exactly as its clients expect.
 */
import { DataContract, DataMember, Namespace, Prop } from './decorators'
import { t } from './types'

/** The XML namespace of ServiceStack's own types. */
export const serviceStackXmlNamespace = 'http://schemas.servicestack.net/types'

/** One failing field of a request. */
@Namespace('ServiceStack')
@DataContract({ namespace: serviceStackXmlNamespace })
export class ResponseError {
  @DataMember({ order: 1 }) errorCode?: string
  @DataMember({ order: 2 }) fieldName?: string
  @DataMember({ order: 3 }) message?: string
  @DataMember({ order: 4 }) @Prop(t.map(t.string)) meta?: Record<string, string>
}

/** The status of a failed request: what went wrong, and for which fields. */
@Namespace('ServiceStack')
@DataContract({ namespace: serviceStackXmlNamespace })
export class ResponseStatus {
  @DataMember({ order: 1 }) errorCode?: string
  @DataMember({ order: 2 }) message?: string
  @DataMember({ order: 3 }) stackTrace?: string
  @DataMember({ order: 4 }) @Prop(t.list(() => ResponseError)) errors?: ResponseError[]
  @DataMember({ order: 5 }) @Prop(t.map(t.string)) meta?: Record<string, string>
}

/** The error body of an operation whose response type has no `responseStatus`. */
@Namespace('ServiceStack')
@DataContract({ namespace: serviceStackXmlNamespace })
export class ErrorResponse {
  @DataMember({ order: 1 }) @Prop(() => ResponseStatus) responseStatus?: ResponseStatus
}
