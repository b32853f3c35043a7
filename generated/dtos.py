""" Options:
Date: 2026-12-03 18:00:28
Version: 0.1
Tip: To override a DTO option, remove "#" prefix before updating
BaseUrl: http://localhost:5000

#GlobalNamespace: 
#AddServiceStackTypes: True
#AddResponseStatus: False
#AddImplicitVersion: 
#AddDescriptionAsComments: True
#IncludeTypes: 
#ExcludeTypes: 
#DefaultImports: datetime,decimal,marshmallow.fields:*,servicestack:*,typing:*,dataclasses:dataclass/field,dataclasses_json:dataclass_json/LetterCase/Undefined/config,enum:Enum/IntEnum
#DataClass: 
#DataClassJson: 
#SelfContained: False
"""

import datetime
import decimal
from marshmallow.fields import *
from servicestack import *
from typing import *
from dataclasses import dataclass, field
from dataclasses_json import dataclass_json, LetterCase, Undefined, config
from enum import Enum, IntEnum


class DeviceTypes(str, Enum):
    WEB = 'Web'
    I_O_S = 'iOS'
    ANDROID = 'Android'


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class PagedRequest:
    # @ApiMember(Description="The page to answer, from 1")
    page: Optional[int] = None
    """
    The page to answer, from 1
    """


    # @ApiMember(Description="How many items a page holds, at most 1000")
    count_per_page: Optional[int] = None
    """
    How many items a page holds, at most 1000
    """


T = TypeVar('T')
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class ListResponse(Generic[T]):
    # @ApiMember(Description="The items")
    items: Optional[List[T]] = None
    """
    The items
    """


    # @ApiMember(Description="The total number of items")
    total_count: int = 0
    """
    The total number of items
    """


    # @ApiMember(Description="The total number of pages")
    total_pages: int = 0
    """
    The total number of pages
    """


    # @ApiMember(Description="Whether more pages follow this one")
    has_more_pages: bool = False
    """
    Whether more pages follow this one
    """


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class DeviceTokenEntry:
    device_type: Optional[DeviceTypes] = None
    token: Optional[str] = None
    # @ApiMember(Description="When the token was registered (UTC)")
    date_created: datetime.datetime = datetime.datetime(1, 1, 1)
    """
    When the token was registered (UTC)
    """


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class AuthenticateResponse:
    user_id: Optional[str] = None
    session_id: Optional[str] = None
    user_name: Optional[str] = None
    display_name: Optional[str] = None
    referrer_url: Optional[str] = None
    bearer_token: Optional[str] = None
    refresh_token: Optional[str] = None
    refresh_token_expiry: Optional[datetime.datetime] = None
    profile_url: Optional[str] = None
    roles: Optional[List[str]] = None
    permissions: Optional[List[str]] = None
    auth_provider: Optional[str] = None
    response_status: Optional['ResponseStatus'] = None
    meta: Optional[Dict[str, str]] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class GetAccessTokenResponse:
    access_token: Optional[str] = None
    meta: Optional[Dict[str, str]] = None
    response_status: Optional['ResponseStatus'] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class DeviceTokenInfo:
    device_type: Optional[DeviceTypes] = None
    token: Optional[str] = None


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class ListDeviceTokensResponse(ListResponse[DeviceTokenEntry]):
    # @ApiMember(Description="The items")
    items: Optional[List[DeviceTokenEntry]] = None
    """
    The items
    """


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class GetDeviceTypesResponse:
    device_types: Optional[List[DeviceTypes]] = None
    response_status: Optional['ResponseStatus'] = None


# @Api(Description="Sign in, see the current session, or sign out")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class Authenticate(IReturn[AuthenticateResponse], IPost):
    """
    Sign in, see the current session, or sign out
    """

    provider: Optional[str] = None
    user_name: Optional[str] = None
    password: Optional[str] = None
    remember_me: Optional[bool] = None
    access_token: Optional[str] = None
    access_token_secret: Optional[str] = None
    return_url: Optional[str] = None
    error_view: Optional[str] = None
    meta: Optional[Dict[str, str]] = None

    @staticmethod
    def response_type(): return AuthenticateResponse


# @Api(Description="Exchange a refresh token for a new bearer token")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class GetAccessToken(IReturn[GetAccessTokenResponse], IPost):
    """
    Exchange a refresh token for a new bearer token
    """

    refresh_token: Optional[str] = None
    use_token_cookie: Optional[bool] = None
    meta: Optional[Dict[str, str]] = None

    @staticmethod
    def response_type(): return GetAccessTokenResponse


# @Api(Description="Create a new device token if it doesn't exist already")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class NewDeviceToken(IPost):
    """
    Create a new device token if it doesn't exist already
    """

    # @ApiMember(Description="The type of device")
    device_type: Optional[DeviceTypes] = None
    """
    The type of device
    """


    # @ApiMember(Description="The device token to save")
    token: Optional[str] = None
    """
    The device token to save
    """


# @Api(Description="List the device tokens of the signed-in user, newest first")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class ListDeviceTokens(PagedRequest, IReturn[ListDeviceTokensResponse], IGet):
    """
    List the device tokens of the signed-in user, newest first
    """

    # @ApiMember(Description="Only tokens of this type of device")
    device_type: Optional[DeviceTypes] = None
    """
    Only tokens of this type of device
    """

    @staticmethod
    def response_type(): return ListDeviceTokensResponse


# @Api(Description="Delete one of the device tokens of the signed-in user")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class DeleteDeviceToken(IReturnVoid, IDelete):
    """
    Delete one of the device tokens of the signed-in user
    """

    # @ApiMember(Description="The device token to delete")
    token: Optional[str] = None
    """
    The device token to delete
    """


# @Api(Description="The types of device a token can be registered for; needs no sign-in")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class GetDeviceTypes(IReturn[GetDeviceTypesResponse], IGet):
    """
    The types of device a token can be registered for; needs no sign-in
    """


    @staticmethod
    def response_type(): return GetDeviceTypesResponse
