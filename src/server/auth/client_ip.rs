//! The client's address: the key of per-address limits and the `client` of request logs.
//!
//! Without `TRUSTED_PROXIES` it is the TCP peer, and forwarding headers are ignored. With it,
//! a request whose peer is a trusted proxy is read through the one header the proxy writes
//! (`FORWARDED_HEADER`): the client is the rightmost address in it that is not itself
//! trusted. Only one header is read because a proxy appends to its own header and passes the
//! other one on as the client sent it: reading both would let a client choose its address.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::{
    extract::{ConnectInfo, Request, State, connect_info::MockConnectInfo},
    http::HeaderMap,
    middleware::Next,
    response::Response,
};
use ipnet::IpNet;

/// The header a trusted proxy writes the client's address into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1` (nginx's `$proxy_add_x_forwarded_for`, Caddy).
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client;proto=https, for=proxy1`.
    Forwarded,
}

impl ForwardedHeader {
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "x-forwarded-for" => Ok(Self::XForwardedFor),
            "forwarded" => Ok(Self::Forwarded),
            _ => Err(format!("{raw:?} must be X-Forwarded-For or Forwarded")),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::XForwardedFor => "x-forwarded-for",
            Self::Forwarded => "forwarded",
        }
    }
}

/// Which peers may say who the client is, and in which header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyTrust {
    proxies: Vec<IpNet>,
    header: ForwardedHeader,
}

impl Default for ProxyTrust {
    /// Nobody is trusted: the client is always the peer.
    fn default() -> Self {
        Self { proxies: Vec::new(), header: ForwardedHeader::XForwardedFor }
    }
}

impl ProxyTrust {
    /// Parses `TRUSTED_PROXIES`: addresses or CIDR ranges separated by commas, or nothing.
    pub fn parse(list: &str, header: ForwardedHeader) -> Result<Self, String> {
        let mut proxies = Vec::new();
        for entry in list.split(',').map(str::trim) {
            if entry.is_empty() {
                if list.trim().is_empty() {
                    continue;
                }
                return Err("has an empty entry between commas".to_owned());
            }
            let net = entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    format!("{entry:?} is not an IP address or CIDR range (e.g. 10.0.0.0/8)")
                })?;
            proxies.push(net.trunc());
        }
        Ok(Self { proxies, header })
    }

    pub fn is_empty(&self) -> bool {
        self.proxies.is_empty()
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.proxies.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request from `peer` carrying `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        // Every line of the header, in order, as one list (RFC 7230 §3.2.2).
        let lines: Vec<&str> = headers
            .get_all(self.header.name())
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        let joined = lines.join(",");
        let mut nearest = peer;
        for entry in joined.rsplit(',') {
            let address = match self.header {
                ForwardedHeader::XForwardedFor => parse_node(entry),
                ForwardedHeader::Forwarded => forwarded_for(entry),
            };
            match address.map(canonical) {
                Some(ip) if self.trusts(ip) => nearest = ip,
                Some(ip) => return ip,
                // No header, garbage, "unknown" or a hidden name: the trusted hop that
                // passed it on is as far as anything can be told.
                None => return nearest,
            }
        }
        nearest
    }
}

/// An IPv4 address mapped into IPv6 is that IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// One node of a forwarding header: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]` or `[2001:db8::1]:4711`.
fn parse_node(raw: &str) -> Option<IpAddr> {
    let raw = raw.trim().trim_matches('"');
    if let Ok(ip) = raw.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = raw.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    raw.strip_prefix('[')?.strip_suffix(']')?.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
}

/// The `for=` node of one `Forwarded` element (`for=192.0.2.60;proto=http;by=203.0.113.43`).
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        key.trim().eq_ignore_ascii_case("for").then(|| parse_node(value)).flatten()
    })
}

/// The client of a request, set by `resolve` for everything after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl ClientIp {
    /// The key of per-address limits. An IPv6 subscriber is usually given a whole /64, so
    /// the /64 is one client: otherwise each of its 2^64 addresses would be a fresh budget.
    pub fn limit_key(self) -> String {
        match self.0 {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        }
    }
}

impl std::fmt::Display for ClientIp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The TCP peer of a request: the real connection's, or a test's mock.
fn peer(request: &Request) -> Option<IpAddr> {
    let extensions = request.extensions();
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .or_else(|| extensions.get::<MockConnectInfo<SocketAddr>>().map(|mock| mock.0.ip()))
}

/// Middleware: works out the client once, before the request is logged or limited.
pub async fn resolve(
    State(trust): State<ProxyTrust>,
    mut request: Request,
    next: Next,
) -> Response {
    let client = peer(&request)
        .map(|peer| trust.client(peer, request.headers()))
        .unwrap_or(IpAddr::V6(Ipv6Addr::UNSPECIFIED));
    request.extensions_mut().insert(ClientIp(client));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn headers(name: &'static str, lines: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for line in lines {
            map.append(name, HeaderValue::from_str(line).unwrap());
        }
        map
    }

    fn nginx() -> ProxyTrust {
        ProxyTrust::parse("10.0.0.0/8, 192.168.1.5", ForwardedHeader::XForwardedFor).unwrap()
    }

    #[test]
    fn untrusted_peers_are_the_client_whatever_they_forward() {
        let forged = headers("x-forwarded-for", &["1.2.3.4"]);
        assert_eq!(ProxyTrust::default().client(ip("203.0.113.9"), &forged), ip("203.0.113.9"));
        assert_eq!(nginx().client(ip("203.0.113.9"), &forged), ip("203.0.113.9"));
    }

    #[test]
    fn the_client_is_the_rightmost_untrusted_address() {
        let trust = nginx();
        // The client forged an entry; nginx appended the real one.
        let h = headers("x-forwarded-for", &["6.6.6.6, 198.51.100.7"]);
        assert_eq!(trust.client(ip("10.1.2.3"), &h), ip("198.51.100.7"));
        // Two trusted hops, the lines of a repeated header read as one list.
        let h = headers("x-forwarded-for", &["6.6.6.6", "198.51.100.7, 192.168.1.5"]);
        assert_eq!(trust.client(ip("10.1.2.3"), &h), ip("198.51.100.7"));
        // Ports and brackets.
        let h = headers("x-forwarded-for", &["[2001:db8::7]:4711"]);
        assert_eq!(trust.client(ip("10.1.2.3"), &h), ip("2001:db8::7"));
        // No header: the proxy itself.
        assert_eq!(trust.client(ip("10.1.2.3"), &HeaderMap::new()), ip("10.1.2.3"));
        // Garbage where the proxy should have written an address: the proxy.
        let h = headers("x-forwarded-for", &["198.51.100.7, not-an-address"]);
        assert_eq!(trust.client(ip("10.1.2.3"), &h), ip("10.1.2.3"));
        // All trusted: the furthest hop.
        let h = headers("x-forwarded-for", &["10.9.9.9"]);
        assert_eq!(trust.client(ip("10.1.2.3"), &h), ip("10.9.9.9"));
    }

    #[test]
    fn only_the_configured_header_is_read() {
        let xff = nginx();
        let forwarded = ProxyTrust::parse("10.0.0.0/8", ForwardedHeader::Forwarded).unwrap();
        let mut h = headers("forwarded", &["for=6.6.6.6, for=\"[2001:db8::7]:4711\";proto=https"]);
        h.append("x-forwarded-for", HeaderValue::from_static("198.51.100.7"));
        assert_eq!(xff.client(ip("10.1.2.3"), &h), ip("198.51.100.7"));
        assert_eq!(forwarded.client(ip("10.1.2.3"), &h), ip("2001:db8::7"));
        let h = headers("forwarded", &["for=unknown"]);
        assert_eq!(forwarded.client(ip("10.1.2.3"), &h), ip("10.1.2.3"));
        let h = headers("forwarded", &["For=198.51.100.9;by=10.0.0.1"]);
        assert_eq!(forwarded.client(ip("10.1.2.3"), &h), ip("198.51.100.9"));
    }

    #[test]
    fn mapped_ipv4_is_ipv4_and_ipv6_limits_by_slash_64() {
        let trust = nginx();
        assert!(trust.trusts(ip("::ffff:10.0.0.1")));
        let a = ClientIp(ip("2001:db8:1:2:aaaa::1")).limit_key();
        let b = ClientIp(ip("2001:db8:1:2:ffff::9")).limit_key();
        assert_eq!(a, b);
        assert_ne!(a, ClientIp(ip("2001:db8:1:3::1")).limit_key());
        assert_eq!(ClientIp(ip("198.51.100.7")).limit_key(), "198.51.100.7");
    }

    #[test]
    fn bad_lists_are_refused_with_the_entry() {
        assert!(ProxyTrust::parse("", ForwardedHeader::XForwardedFor).unwrap().is_empty());
        assert!(ProxyTrust::parse("  ", ForwardedHeader::XForwardedFor).unwrap().is_empty());
        let error = ProxyTrust::parse("10.0.0.0/8, nginx", ForwardedHeader::XForwardedFor);
        assert!(error.unwrap_err().contains("\"nginx\""));
        assert!(ProxyTrust::parse("10.0.0.0/33", ForwardedHeader::XForwardedFor).is_err());
        assert!(ProxyTrust::parse("10.0.0.1,,10.0.0.2", ForwardedHeader::XForwardedFor).is_err());
        assert!(ForwardedHeader::parse("X-Real-IP").is_err());
        assert_eq!(
            ForwardedHeader::parse(" X-Forwarded-For ").unwrap(),
            ForwardedHeader::XForwardedFor
        );
    }
}
