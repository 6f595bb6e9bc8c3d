"""Where a webhook may go: an http(s) URL in plain ASCII, and (in production) only to public
addresses, so a recruiter's endpoint cannot make our server reach its own network (SSRF: the
cloud metadata service at 169.254.169.254, the database, Redis, an admin port on loopback).

The check runs when an endpoint is saved and again before every attempt, on the addresses the
host name resolves to then (DNS can change, or be made to answer differently); the attempt
connects to the address it checked, so a second lookup cannot swap it."""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext

MAX_URL_LENGTH = 500


class AddressRefused(ValueError):
    """The URL is malformed, or leads to an address we do not send to."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as written in the URL (for the Host header and TLS)
    port: int
    path: str  # path and query
    address: str  # the checked IP address to connect to


def private_addresses_allowed() -> bool:
    return settings.PASSIONHIRE["WEBHOOKS_ALLOW_PRIVATE_ADDRESSES"]


def check_url_form(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of a well-formed webhook URL, or AddressRefused saying why.
    Only ASCII is accepted (an international domain in its xn-- form): look-alike letters and
    full-width digits are refused rather than normalised into something else."""
    if len(url) > MAX_URL_LENGTH:
        raise AddressRefused(
            gettext("The URL is too long (at most %(n)d characters).") % {"n": MAX_URL_LENGTH}
        )
    if not url.isascii() or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise AddressRefused(
            gettext(
                "Write the URL in plain ASCII without spaces (an international domain in its "
                "xn-- form)."
            )
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise AddressRefused(gettext("This is not a valid URL.")) from None
    if parts.scheme not in ("http", "https"):
        raise AddressRefused(gettext("The URL must start with https:// (or http://)."))
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise AddressRefused(gettext("The URL may not hold a user name or password."))
    host = (parts.hostname or "").rstrip(".")
    if not host or parts.fragment:
        raise AddressRefused(gettext("This is not a valid URL."))
    labels = host.split(".")
    if not _is_ip(host) and not all(
        label and len(label) <= 63 and label.replace("-", "").isalnum() for label in labels
    ):
        raise AddressRefused(gettext("This is not a valid host name."))
    port = port or (443 if parts.scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, host, port, path


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_public(address: str) -> bool:
    """Reachable on the public internet: not private, loopback, link-local, multicast,
    reserved, unspecified or shared (carrier NAT), including IPv4 written inside IPv6."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4 carried inside IPv6 (mapped, 6to4, Teredo, NAT64) is judged as that IPv4.
        inner = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
        if ip in NAT64:
            inner.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        inner = [i for i in inner if i is not None]
        if inner:
            return all(is_public(str(i)) for i in inner)
    return ip.is_global and not (
        ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local
    )


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise AddressRefused(
            gettext("The host name %(host)s does not resolve.") % {"host": host}
        ) from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def check_addresses(host: str, addresses: list[str]) -> str:
    """The address to connect to: the first one, once every one is allowed (a name that
    resolves to a public and a private address is refused: the other lookup may win)."""
    if not addresses:
        raise AddressRefused(gettext("The host name %(host)s does not resolve.") % {"host": host})
    if not private_addresses_allowed():
        refused = [a for a in addresses if not is_public(a)]
        if refused:
            raise AddressRefused(
                gettext(
                    "%(host)s leads to a private or reserved address (%(address)s): webhooks "
                    "go to public addresses only."
                )
                % {"host": host, "address": refused[0]}
            )
    return addresses[0]


def target_for(url: str, *, resolve_host: bool = True) -> Target:
    """Check `url` and (with `resolve_host`) where it leads now; AddressRefused otherwise."""
    scheme, host, port, path = check_url_form(url)
    if _is_ip(host):
        address = check_addresses(host, [host])
    elif not resolve_host:
        address = ""
    else:
        address = check_addresses(host, resolve(host, port))
    return Target(scheme=scheme, host=host, port=port, path=path, address=address)
