//! The typed failures of the usage API, each with a sentence an admin can act on.

use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// 401: the session expired or the viewer is not signed in.
    Unauthorized,
    /// 403: signed in, but not allowed (billing needs an admin).
    Forbidden,
    /// 404 on the named endpoint.
    NotFound { endpoint: String },
    /// 429, with the server's `Retry-After` in seconds when given.
    RateLimited { retry_after: Option<u32> },
    /// A 4xx the server explained (validation, card declined, conflict).
    Rejected {
        status: u16,
        code: String,
        message: String,
    },
    /// 5xx.
    Server {
        status: u16,
        message: Option<String>,
    },
    /// The request never got an answer (offline, DNS, CORS, connection reset).
    Network { detail: String },
    /// No answer within the client's time limit.
    Timeout { seconds: u32 },
    /// A 2xx whose body does not match the contract.
    Malformed { endpoint: String, detail: String },
}

impl ApiError {
    /// A short machine-readable kind, used by tests and `data-error-kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Unauthorized => "unauthorized",
            ApiError::Forbidden => "forbidden",
            ApiError::NotFound { .. } => "not_found",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::Rejected { .. } => "rejected",
            ApiError::Server { .. } => "server",
            ApiError::Network { .. } => "network",
            ApiError::Timeout { .. } => "timeout",
            ApiError::Malformed { .. } => "malformed",
        }
    }

    /// Whether a Retry button makes sense: not for an ended session (signing in is the way
    /// back) nor for a missing permission (asking an admin is).
    pub fn offers_retry(&self) -> bool {
        !matches!(self, ApiError::Unauthorized | ApiError::Forbidden)
    }

    /// Seconds the server asked to wait before trying again (429 with `Retry-After`).
    pub fn wait_seconds(&self) -> Option<u32> {
        match self {
            ApiError::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }

    /// Whether trying again may help.
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            ApiError::RateLimited { .. }
                | ApiError::Server { .. }
                | ApiError::Network { .. }
                | ApiError::Timeout { .. }
        )
    }

    /// The sentence shown to the admin.
    pub fn message(&self) -> String {
        match self {
            ApiError::Unauthorized => {
                "Your session has ended. Sign in again to see billing.".into()
            }
            ApiError::Forbidden => {
                "You don't have permission to see this. Ask an account admin for access.".into()
            }
            ApiError::NotFound { endpoint } => {
                format!("The usage service does not know {endpoint}. The app may be newer than the service.")
            }
            ApiError::RateLimited { retry_after } => match retry_after {
                Some(s) => format!("Too many requests. Try again in {s} s."),
                None => "Too many requests. Try again in a moment.".into(),
            },
            ApiError::Rejected { message, .. } => message.clone(),
            ApiError::Server { status, message } => match message {
                Some(m) => format!("The usage service failed ({status}): {m}"),
                None => format!("The usage service failed ({status}). Try again."),
            },
            ApiError::Network { .. } => {
                "Could not reach the usage service. Check your connection and try again.".into()
            }
            ApiError::Timeout { seconds } => {
                format!("The usage service did not answer within {seconds} s. Try again.")
            }
            ApiError::Malformed { endpoint, detail } => {
                format!(
                    "The usage service sent an answer the app cannot read ({endpoint}: {detail})."
                )
            }
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

/// Maps an HTTP status and its body to a typed error. Pure, so it is tested natively.
pub fn from_status(status: u16, endpoint: &str, body: &str, retry_after: Option<&str>) -> ApiError {
    let detail = serde_json::from_str::<super::types::ErrorBody>(body)
        .ok()
        .map(|b| b.error);
    match status {
        401 => ApiError::Unauthorized,
        403 => ApiError::Forbidden,
        404 => ApiError::NotFound {
            endpoint: endpoint.to_string(),
        },
        429 => ApiError::RateLimited {
            retry_after: retry_after.and_then(|s| s.trim().parse().ok()),
        },
        400..=499 => {
            let (code, message) = detail.map(|d| (d.code, d.message)).unwrap_or_else(|| {
                (
                    "bad_request".into(),
                    format!("The request was refused ({status})."),
                )
            });
            ApiError::Rejected {
                status,
                code,
                message,
            }
        }
        _ => ApiError::Server {
            status,
            message: detail.map(|d| d.message),
        },
    }
}

/// Decodes a 2xx body, naming the endpoint and the path of the field that failed.
pub fn decode<T: serde::de::DeserializeOwned>(endpoint: &str, body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|inner| {
        let path = super::json_path::path_of(body, &inner);
        let detail = if path == "." {
            inner.to_string()
        } else {
            format!("field `{path}`: {inner}")
        };
        ApiError::Malformed {
            endpoint: endpoint.to_string(),
            detail,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::Balance;

    #[test]
    fn statuses_map_to_kinds() {
        assert_eq!(
            from_status(401, "/account", "", None).kind(),
            "unauthorized"
        );
        assert_eq!(from_status(403, "/account", "", None).kind(), "forbidden");
        assert_eq!(from_status(404, "/x", "", None).kind(), "not_found");
        assert_eq!(
            from_status(429, "/x", "", Some("30")),
            ApiError::RateLimited {
                retry_after: Some(30)
            }
        );
        let declined = from_status(
            402,
            "/credits/purchases",
            r#"{"error":{"code":"card_declined","message":"Your card was declined."}}"#,
            None,
        );
        assert_eq!(declined.kind(), "rejected");
        assert_eq!(declined.message(), "Your card was declined.");
        let server = from_status(503, "/x", "not json", None);
        assert_eq!(server.kind(), "server");
        assert!(server.retryable());
        assert!(!declined.retryable());
    }

    #[test]
    fn malformed_body_names_endpoint_and_field() {
        let body = r#"{"cycle":{"from":"2026-11-01","to":"2026-11-30"},"free_credits":"lots"}"#;
        let err = decode::<Balance>("/credits/balance", body).unwrap_err();
        let text = err.message();
        assert!(text.contains("/credits/balance"), "{text}");
        assert!(text.contains("free_credits"), "{text}");
    }
}
