/**
 * The Python a self-contained module carries instead of importing ServiceStack's package:
 * the marker classes, ResponseStatus, conversions of dates, durations and bytes as the
 * server writes them, and a small client on the standard library.
 */

/** The runtime part of a self-contained module, before its DTOs. */
export const selfContainedRuntime = String.raw`import base64
import datetime
import decimal
from decimal import Decimal
import json
import re
import typing
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, fields, is_dataclass
from dataclasses_json import dataclass_json, LetterCase, Undefined, config
from enum import Enum, IntEnum
from http.cookiejar import CookieJar
from typing import *

T = TypeVar('T')


class IReturn(Generic[T]):
    pass


class IReturnVoid:
    pass


class IGet:
    pass


class IPost:
    pass


class IPut:
    pass


class IPatch:
    pass


class IDelete:
    pass


def _format_datetime(value: Optional[datetime.datetime]) -> Optional[str]:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    text = value.isoformat(timespec='milliseconds')
    return (text[:-4] if text.endswith('.000') else text) + 'Z'


def _parse_datetime(text: Optional[str]) -> Optional[datetime.datetime]:
    if text is None or isinstance(text, datetime.datetime):
        return text
    wcf = re.match(r'^\\?/Date\((-?\d+)([+-]\d{4})?\)\\?/$', text)
    if wcf:
        return datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=int(wcf.group(1)))
    value = datetime.datetime.fromisoformat(text.replace('Z', '+00:00'))
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def _format_duration(value: Optional[datetime.timedelta]) -> Optional[str]:
    if value is None:
        return None
    ms = round(value.total_seconds() * 1000)
    sign, ms = ('-', -ms) if ms < 0 else ('', ms)
    days, ms = divmod(ms, 86400000)
    hours, ms = divmod(ms, 3600000)
    minutes, ms = divmod(ms, 60000)
    time = (f'{hours}H' if hours else '') + (f'{minutes}M' if minutes else '') + (f'{ms / 1000:g}S' if ms else '')
    if not days and not time:
        return 'PT0S'
    return f'{sign}P' + (f'{days}D' if days else '') + (f'T{time}' if time else '')


def _parse_duration(text: Optional[str]) -> Optional[datetime.timedelta]:
    if text is None or isinstance(text, datetime.timedelta):
        return text
    m = re.match(r'^(-)?P(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$', text)
    if not m:
        raise ValueError(f'not a duration: {text}')
    value = datetime.timedelta(days=float(m.group(2) or 0), hours=float(m.group(3) or 0),
                               minutes=float(m.group(4) or 0), seconds=float(m.group(5) or 0))
    return -value if m.group(1) else value


def _wire(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return _format_datetime(value)
    if isinstance(value, datetime.timedelta):
        return _format_duration(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode('ascii')
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_wire(v) for v in value]
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    return value


def _reader(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if isinstance(value, list):
            return [read(v) for v in value]
        if isinstance(value, dict):
            return {k: read(v) for k, v in value.items()}
        return None if value is None else parse(value)
    return read


_datetimes = _reader(_parse_datetime)
_durations = _reader(_parse_duration)
_bytes = _reader(lambda v: v if isinstance(v, (bytes, bytearray)) else base64.b64decode(v))
_decimals = _reader(lambda v: v if isinstance(v, decimal.Decimal) else decimal.Decimal(str(v)))


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class ResponseError:
    error_code: Optional[str] = None
    field_name: Optional[str] = None
    message: Optional[str] = None
    meta: Optional[Dict[str, str]] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class ResponseStatus:
    error_code: Optional[str] = None
    message: Optional[str] = None
    stack_trace: Optional[str] = None
    errors: Optional[List[ResponseError]] = None
    meta: Optional[Dict[str, str]] = None


class WebServiceException(Exception):
    def __init__(self, status_code: int, status_description: str, response_status: ResponseStatus):
        super().__init__(f'{status_code} {response_status.error_code}: {response_status.message}')
        self.status_code = status_code
        self.status_description = status_description
        self.response_status = response_status

    def field_error(self, field_name: str) -> Optional[ResponseError]:
        for error in self.response_status.errors or []:
            if (error.field_name or '').lower() == field_name.lower():
                return error
        return None


def _without_nones(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nones(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nones(v) for v in value]
    return value


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, list):
        return '[' + ','.join(_query_value(v) for v in value) + ']'
    if isinstance(value, dict):
        return '{' + ','.join(f'{k}:{_query_value(v)}' for k, v in value.items()) + '}'
    return str(value)


class JsonServiceClient:
    """Calls a dtostack (or ServiceStack) server: POST, GET, PUT, PATCH or DELETE of a
    request DTO to /api/{Name}, keeping the session cookie or a bearer token."""

    def __init__(self, base_url: str, timeout: float = 30):
        self.base_url = base_url.rstrip('/')
        self.bearer_token: Optional[str] = None
        self.timeout = timeout
        self.cookies = CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def send(self, request: Any) -> Any:
        return self._call(self._method_of(request), request)

    def get(self, request: Any) -> Any:
        return self._call('GET', request)

    def post(self, request: Any) -> Any:
        return self._call('POST', request)

    def put(self, request: Any) -> Any:
        return self._call('PUT', request)

    def patch(self, request: Any) -> Any:
        return self._call('PATCH', request)

    def delete(self, request: Any) -> Any:
        return self._call('DELETE', request)

    @staticmethod
    def _method_of(request: Any) -> str:
        for marker, method in ((IGet, 'GET'), (IPut, 'PUT'), (IPatch, 'PATCH'), (IDelete, 'DELETE')):
            if isinstance(request, marker):
                return method
        return _request_methods.get(type(request).__name__, 'POST')

    @staticmethod
    def _response_class(request: Any) -> Any:
        marker = getattr(request, 'response_type', None)
        if not callable(marker):
            return None
        target = marker()
        if isinstance(target, str):
            target = globals().get(target)
        target = typing.get_origin(target) or target
        return target if isinstance(target, type) and is_dataclass(target) else None

    def _call(self, method: str, request: Any) -> Any:
        body = _without_nones(_wire(request.to_dict(encode_json=False)))
        url = f'{self.base_url}/api/{type(request).__name__}'
        data = None
        headers = {'Accept': 'application/json'}
        if method in ('GET', 'DELETE'):
            if body:
                url += '?' + urllib.parse.urlencode({k: _query_value(v) for k, v in body.items()})
        else:
            data = json.dumps(body).encode('utf-8')
            headers['Content-Type'] = 'application/json'
        if self.bearer_token:
            headers['Authorization'] = f'Bearer {self.bearer_token}'
        http_request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self._opener.open(http_request, timeout=self.timeout) as response:
                text = response.read().decode('utf-8')
        except urllib.error.HTTPError as error:
            raise self._exception(error) from None
        if not text:
            return None
        answer = json.loads(text)
        target = self._response_class(request)
        return target.from_dict(answer) if target is not None and isinstance(answer, dict) else answer

    @staticmethod
    def _exception(error: urllib.error.HTTPError) -> WebServiceException:
        try:
            status = json.loads(error.read().decode('utf-8')).get('responseStatus')
            response_status = ResponseStatus.from_dict(status)
        except Exception:
            response_status = ResponseStatus(error_code=str(error.code), message=error.reason)
        return WebServiceException(error.code, str(error.reason), response_status)
`
