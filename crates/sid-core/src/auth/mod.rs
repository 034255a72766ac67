//! Identity: users and their roles, passwords, tokens and sessions, sign-in throttling,
//! the extractors that tell a handler who is calling, and CSRF for browser forms.

mod caller;
mod config;
pub mod csrf;
mod limits;
pub(crate) mod live_sessions;
mod login;
mod password;
mod pin;
mod position;
mod role;
mod sessions;
mod throttle;
mod token;
pub mod users;
mod view;

pub use caller::{
    authenticate_first, carries_token, Caller, CatalogEditor, DesaAdmin, Member, Membership,
    RegencyAdmin, Staff, Warga,
};
pub use config::{AuthConfig, TokenKeys};
pub use limits::{sign_in_turn, ClientAddress, SignInLimits, Turn};
pub use live_sessions::LiveSessions;
pub use login::{
    change_password, change_pin, close_warga, has_pin, login, login_warga, logout, set_pin,
    LoginOutcome, NewPin,
};
pub use password::{hash_password, Password, Pepper};
pub use pin::Pin;
pub use position::Position;
pub use role::Role;
pub use sessions::revoke_all;
pub use token::{session_cookie, Claims, SESSION_COOKIE};
pub use users::{User, Username};
pub use view::{DesaRef, LoginResponse, UserView};
