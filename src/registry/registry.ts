/** The built model of an application, with its lookups. */
import type { ClassModel, EnumModel, OperationModel, ServiceModel } from './model'

/** Every operation and type of an application, resolved once at startup. */
export class Registry {
  private readonly byName: ReadonlyMap<string, OperationModel>
  private readonly typesByName: ReadonlyMap<string, ClassModel | EnumModel>

  constructor(
    /** Operations in the order their request DTOs were found. */
    readonly operations: readonly OperationModel[],
    /** Every DTO class the operations use, and every other one the modules export. */
    readonly types: readonly ClassModel[],
    readonly enums: readonly EnumModel[],
    readonly services: readonly ServiceModel[],
  ) {
    this.byName = new Map(operations.map((op) => [op.name.toLowerCase(), op]))
    this.typesByName = new Map([...types, ...enums].map((type) => [type.name, type]))
  }

  /** The operation of a request DTO name, compared case-insensitively. */
  operation(name: string): OperationModel | undefined {
    return this.byName.get(name.toLowerCase())
  }

  /** A class or enum by its exact name. */
  type(name: string): ClassModel | EnumModel | undefined {
    return this.typesByName.get(name)
  }
}
