//! What the tests stand on: a database per test (`db`), the services over it with a clock
//! the test moves (`service`), the HTTP application in-process (`http`) and a real SMTP
//! server (`smtp_sink`).

pub mod authenticator;
pub mod db;
pub mod http;
pub mod service;
pub mod smtp_sink;
