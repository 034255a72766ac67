//! Black-box tests of the whole server over HTTP, on SQLite and on PostgreSQL.

mod support;

mod approval;
mod articles;
mod auth;
mod bad_input;
mod catalog;
mod cli;
mod desa_site;
mod import_export;
mod isolation;
mod layout;
mod letters;
mod mail;
mod merging;
mod moving_in;
mod operations;
mod pages;
mod population;
mod projects;
mod quality;
mod regency;
mod registers;
mod registry;
mod schema;
mod session_cookie;
mod site_pages;
mod statistics;
mod tokens;
mod transfers;
mod work_list;
