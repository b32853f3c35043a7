/** Mistakes in DTOs and services stop startup with a definition error naming them. */
import 'reflect-metadata'
import t from 'tap'
import { IsNotEmpty } from 'class-validator'
import {
  createServer,
  DataMember,
  DefinitionError,
  Handles,
  Prop,
  RequiredRole,
  ResponseType,
  Returns,
  Route,
  t as types,
  TypeArgs,
  TypeParams,
} from '../../src/index'
import { createRegistry, type ModuleLike } from '../../src/registry/scan'

function definitionError(modules: ModuleLike[]): DefinitionError {
  try {
    createRegistry({ modules })
  } catch (error) {
    if (error instanceof DefinitionError) return error
    throw error
  }
  throw new Error('no definition error')
}

// A service that handles a DTO, so the DTO becomes an operation.
function serviceFor(dto: Function): Function {
  class Service {
    post(_request: object): void {}
  }
  Handles(() => dto)(Service.prototype, 'post', Object.getOwnPropertyDescriptor(Service.prototype, 'post')!)
  return Service
}

t.test('a number property without a declared type is ambiguous', async (t) => {
  class Ambiguous {
    @Prop() count?: number
  }

  const error = definitionError([{ Ambiguous }])

  t.equal(error.code, 'DEF_TYPE_AMBIGUOUS')
  t.match(error.message, /'Ambiguous\.count'/)
  t.match(error.message, /t\.int/)
})

t.test('arrays, unions and maps need a declared type', async (t) => {
  class Lists {
    @Prop() tags?: string[]
  }
  class Unions {
    @Prop() note?: string | null
  }

  t.match(definitionError([{ Lists }]), { code: 'DEF_TYPE_AMBIGUOUS', message: /'Lists\.tags'.*t\.list/ })
  t.match(definitionError([{ Unions }]), { code: 'DEF_TYPE_AMBIGUOUS', message: /'Unions\.note'/ })
})

t.test('a property whose type is unknown at load time asks for a thunk', async (t) => {
  class Cyclic {
    @Prop() other?: object
  }
  // What a class imported through a cycle leaves: the metadata is there, its value is not.
  Reflect.defineMetadata('design:type', undefined, Cyclic.prototype, 'other')
  class Thunked {
    @Prop(() => undefined as unknown as typeof Cyclic) other?: object
  }

  t.match(definitionError([{ Cyclic }]), { code: 'DEF_TYPE_UNRESOLVED', message: /'Cyclic\.other'.*@Prop\(\(\) => Type\)/ })
  t.match(definitionError([{ Thunked }]), { code: 'DEF_TYPE_UNRESOLVED', message: /'Thunked\.other'.*circular import/ })
})

t.test('a build without decorator metadata is named as the cause', async (t) => {
  class NoMetadata {
    @Prop() name?: string
  }
  Reflect.deleteMetadata('design:type', NoMetadata.prototype, 'name')

  t.match(definitionError([{ NoMetadata }]), {
    code: 'DEF_TYPE_UNRESOLVED',
    message: /'NoMetadata\.name' has no metadata: compile with "experimentalDecorators" and "emitDecoratorMetadata"/,
  })
})

t.test('a route variable that names no property stops startup', async (t) => {
  @Route('/users/{id}')
  class GetUser {
    @Prop() name?: string
  }

  const error = definitionError([{ GetUser, Service: serviceFor(GetUser) }])

  t.equal(error.code, 'DEF_ROUTE_PARAM_MISSING')
  t.equal(error.message, "route '/users/{id}' on 'GetUser' has no matching property 'id'")
})

t.test('malformed routes stop startup', async (t) => {
  const cases: Array<[string, string | undefined, RegExp]> = [
    ['/{id}', undefined, /at least one segment without variables/],
    ['users', undefined, /must start with '\/'/],
    ['/users?x=1', undefined, /must not contain/],
    ['/a/{path*}/{id}', undefined, /wildcard must be last/],
    ['/a/{id}{name}', undefined, /needs text between the variables/],
    ['/a', 'FETCH', /unknown verb 'FETCH'/],
  ]
  for (const [path, verbs, message] of cases) {
    @Route(path, verbs)
    class Routed {
      @Prop() id?: string
      @Prop() name?: string
    }
    t.match(definitionError([{ Routed, Service: serviceFor(Routed) }]), { code: 'DEF_ROUTE_INVALID', message }, path)
  }
})

t.test('two operations on the same route and verb stop startup', async (t) => {
  @Route('/things/{id}', 'GET')
  class First {
    @Prop() id?: string
  }
  @Route('/THINGS/{key}', 'GET')
  class Second {
    @Prop() key?: string
  }

  const error = definitionError([{ First, Second, S1: serviceFor(First), S2: serviceFor(Second) }])

  t.equal(error.code, 'DEF_ROUTE_DUPLICATE')
  t.match(error.message, /'Second' repeats a route of 'First'/)
})

t.test('two types with one name stop startup', async (t) => {
  const one = (() => {
    class Dup {
      @Prop() a?: string
    }
    return Dup
  })()
  const two = (() => {
    class Dup {
      @Prop() b?: string
    }
    return Dup
  })()

  const error = definitionError([{ one }, { two }])

  t.equal(error.code, 'DEF_TYPE_DUPLICATE_NAME')
  t.match(error.message, /two types are named 'Dup'/)
})

t.test('a property only class-validator or an initializer knows is not silently dropped', async (t) => {
  class Validated {
    @Prop() kept?: string
    @IsNotEmpty() forgotten?: string
  }
  class Initialised {
    @Prop() kept?: string
    tags: string[] = []
  }

  t.match(definitionError([{ Validated }]), {
    code: 'DEF_TYPE_UNDECLARED_PROPERTY',
    message: /'Validated\.forgotten' has validation rules/,
  })
  t.match(definitionError([{ Initialised }]), {
    code: 'DEF_TYPE_UNDECLARED_PROPERTY',
    message: /'Initialised\.tags' has an initial value/,
  })
})

t.test('a DTO that cannot be constructed without arguments stops startup', async (t) => {
  class Picky {
    @Prop() name?: string
    constructor(init: { name: string }) {
      this.name = init.name.trim()
    }
  }

  t.match(definitionError([{ Picky }]), { code: 'DEF_TYPE_NOT_CONSTRUCTIBLE', message: /'Picky'/ })
})

t.test('generic type parameters and arguments must agree', async (t) => {
  @TypeParams('T')
  class Box<T> {
    @Prop(types.param('T')) value?: T
  }
  class Unbound extends Box<string> {}
  @TypeArgs(types.string, types.int)
  class TooMany extends Box<string> {}
  class Stray {
    @Prop(types.param('T')) value?: unknown
  }

  t.match(definitionError([{ Box, Unbound }]), { code: 'DEF_GENERIC_ARGS', message: /'Box' with 0 type argument\(s\) but it declares 1/ })
  t.match(definitionError([{ Box, TooMany }]), { code: 'DEF_GENERIC_ARGS', message: /with 2 type argument/ })
  t.match(definitionError([{ Stray }]), { code: 'DEF_GENERIC_ARGS', message: /'Stray\.value' uses type parameter 'T'/ })
})

t.test('an enum that is not exported has no name to give it', async (t) => {
  enum Hidden {
    A = 'A',
  }
  class UsesHidden {
    @Prop(types.enum(Hidden)) value?: Hidden
  }

  t.match(definitionError([{ UsesHidden }]), { code: 'DEF_ENUM_UNNAMED', message: /'UsesHidden\.value'/ })
})

t.test('handlers must be named after a verb and take a request DTO', async (t) => {
  class Dto {
    @Prop() a?: string
  }
  class Misnamed {
    @Handles()
    create(_request: Dto): void {}
  }
  class Untyped {
    @Handles()
    post(_request: { a: string }): void {}
  }
  class Twice {
    @Handles()
    post(_request: Dto): void {}
  }
  class Again {
    @Handles()
    postDto(_request: Dto): void {}
  }

  t.match(definitionError([{ Dto, Misnamed }]), { code: 'DEF_SERVICE_HANDLER', message: /'Misnamed\.create' must be named after the verb/ })
  t.match(definitionError([{ Untyped }]), { code: 'DEF_SERVICE_HANDLER', message: /'Untyped\.post' takes no request DTO class/ })
  t.match(definitionError([{ Dto, Twice, Again }]), { code: 'DEF_SERVICE_DUPLICATE', message: /'Dto' has two POST handlers/ })
})

t.test('a response type declared twice, differently, stops startup', async (t) => {
  class A {
    @Prop() a?: string
  }
  class B {
    @Prop() b?: string
  }
  @Returns(() => A)
  class Request {
    @Prop() x?: string
  }
  class Service {
    @Handles()
    @ResponseType(() => B)
    post(_request: Request): void {}
  }

  t.match(definitionError([{ A, B, Request, Service }]), { code: 'DEF_OPERATION_RESPONSE' })
})

t.test('an operation that needs a login without an auth store stops startup', async (t) => {
  @Route('/secret')
  @RequiredRole('Admin')
  class Secret {
    @DataMember() value?: string
  }

  await t.rejects(createServer({ modules: [{ Secret, Service: serviceFor(Secret) }] }), {
    code: 'DEF_OPTION_INVALID',
    message: /'Secret' requires authentication/,
  })
})

t.test('startup fails at createServer with the naming message', async (t) => {
  class Bad {
    @Prop() amount?: number
  }

  await t.rejects(createServer({ modules: [{ Bad, Service: serviceFor(Bad) }] }), {
    name: 'DefinitionError',
    message: /'Bad\.amount'/,
  })
})

t.test('warnings reach the developer whether or not the server logs', async (t) => {
  @Route('/forgotten', 'POST')
  class Forgotten {
    @Prop() name?: string
  }
  class ForgottenServices {
    // Named like a verb, but without @Handles() it handles nothing.
    post(request: Forgotten) {
      return request
    }
  }
  const modules = [{ Forgotten, ForgottenServices }]
  const expected = /'Forgotten' declares routes but no service handles it: a service method needs @Handles\(\)/

  const printed: Error[] = []
  const onWarning = (warning: Error) => printed.push(warning)
  process.on('warning', onWarning)
  t.teardown(() => void process.off('warning', onWarning))
  const quiet = await createServer({ modules })
  await quiet.close()
  await new Promise((resolve) => setImmediate(resolve))
  t.match(printed, [{ name: 'DtostackWarning', code: 'DTOSTACK_DEFINITION', message: expected }], 'without a logger, Node prints it')

  const lines: string[] = []
  const stream = { write: (line: string) => lines.push(line) }
  const logged = await createServer({ modules, fastify: { logger: { level: 'warn', stream } } })
  await logged.close()
  t.equal(printed.length, 1, 'with a logger, not printed as well')
  t.match(lines.map((line) => JSON.parse(line)), [{ level: 40, msg: expected }], 'with a logger, it is logged')
})
