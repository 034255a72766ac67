//! The tenant router: resolves `{desa}` (slug or Kemendagri code) to an active desa of the
//! registry and hands it to the request; every domain route is mounted beneath it.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Next};
use actix_web::{web, HttpMessage};
use sid_core::{AppState, Error};

async fn resolve_desa<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let key = req.match_info().get("desa").unwrap_or_default().to_string();
    let desa = req
        .app_data::<web::Data<AppState>>()
        .and_then(|s| s.directory.resolve(&key));
    let Some(desa) = desa else {
        // Answered here as a response, so that outer middleware sees an ordinary error reply.
        let response = req.error_response(Error::NotFound(format!("Desa '{key}'")));
        return Ok(response.map_into_right_body());
    };
    req.extensions_mut().insert(desa);
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

/// A scope at `path` (which holds `{desa}`) whose routes run with the desa resolved.
pub fn tenant_scope(
    path: &str,
) -> actix_web::Scope<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::scope(path).wrap(from_fn(resolve_desa))
}
