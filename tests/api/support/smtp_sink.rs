//! A real SMTP server for the tests, on a loopback port: it speaks enough SMTP for lettre
//! (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps what it receives, and can be slowed
//! down, made to refuse recipients, stopped and started again on the same port.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    task::{JoinHandle, JoinSet},
};

#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

#[derive(Debug, Clone, Default)]
pub struct Behaviour {
    /// Held before answering the end of DATA: a slow server.
    pub delay: Duration,
    /// Replied to every RCPT TO instead of 250, e.g. "550 5.1.1 No such user".
    pub reject_rcpt: Option<String>,
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    behaviour: Mutex<Behaviour>,
    in_data: Mutex<usize>,
    /// The most messages that were in DATA at once.
    peak_in_data: Mutex<usize>,
}

pub struct SmtpSink {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: Mutex<Option<JoinHandle<()>>>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let sink = Self { addr, shared: Arc::default(), server: Mutex::new(None) };
        sink.serve(listener);
        sink
    }

    fn serve(&self, listener: TcpListener) {
        let shared = self.shared.clone();
        let handle = tokio::spawn(async move {
            // Dropping the JoinSet (when this task is aborted) cuts every open connection.
            let mut connections = JoinSet::new();
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                connections.spawn(session(stream, shared.clone()));
            }
        });
        *self.server.lock().unwrap() = Some(handle);
    }

    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    pub fn set(&self, behaviour: Behaviour) {
        *self.shared.behaviour.lock().unwrap() = behaviour;
    }

    /// An outage: the port refuses connections and open ones are cut.
    pub async fn stop(&self) {
        if let Some(handle) = self.server.lock().unwrap().take() {
            handle.abort();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    pub async fn restart(&self) {
        let listener = TcpListener::bind(self.addr).await.expect("rebind the sink's port");
        self.serve(listener);
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// Messages whose DATA has arrived but not yet been answered.
    pub fn in_progress(&self) -> usize {
        *self.shared.in_data.lock().unwrap()
    }

    /// The most messages that were being sent at once.
    pub fn peak_in_progress(&self) -> usize {
        *self.shared.peak_in_data.lock().unwrap()
    }

    /// Waits (up to 30 s) until `check` holds.
    pub async fn wait_until(&self, what: &str, check: impl Fn(&Self) -> bool) {
        for _ in 0..3000 {
            if check(self) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("the SMTP sink never saw: {what}");
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        if let Some(handle) = self.server.lock().unwrap().take() {
            handle.abort();
        }
    }
}

async fn session(stream: TcpStream, shared: Arc<Shared>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let mut line = String::new();
    let (mut from, mut to) = (String::new(), Vec::new());
    macro_rules! reply {
        ($text:expr) => {
            if write.write_all(format!("{}\r\n", $text).as_bytes()).await.is_err() {
                return;
            }
        };
    }
    reply!("220 sink ESMTP ready");
    loop {
        line.clear();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let verb = command.split([' ', ':']).next().unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => reply!("250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8"),
            "HELO" => reply!("250 sink"),
            "MAIL" => {
                from = address(&command);
                to.clear();
                reply!("250 2.1.0 OK");
            }
            "RCPT" => {
                let rejection = shared.behaviour.lock().unwrap().reject_rcpt.clone();
                match rejection {
                    Some(answer) => reply!(answer),
                    None => {
                        to.push(address(&command));
                        reply!("250 2.1.5 OK");
                    }
                }
            }
            "DATA" => {
                reply!("354 End data with <CR><LF>.<CR><LF>");
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                {
                    let mut in_data = shared.in_data.lock().unwrap();
                    *in_data += 1;
                    let mut peak = shared.peak_in_data.lock().unwrap();
                    *peak = (*peak).max(*in_data);
                }
                let delay = shared.behaviour.lock().unwrap().delay;
                tokio::time::sleep(delay).await;
                *shared.in_data.lock().unwrap() -= 1;
                shared.received.lock().unwrap().push(Received {
                    from: from.clone(),
                    to: std::mem::take(&mut to),
                    data,
                });
                reply!("250 2.0.0 OK queued");
            }
            "RSET" => {
                to.clear();
                reply!("250 2.0.0 OK");
            }
            "NOOP" => reply!("250 2.0.0 OK"),
            "QUIT" => {
                reply!("221 2.0.0 bye");
                return;
            }
            _ => reply!("500 5.5.2 unknown command"),
        }
    }
}

fn address(command: &str) -> String {
    let start = command.find('<').map_or(0, |i| i + 1);
    let end = command[start..].find('>').map_or(command.len(), |i| start + i);
    command[start..end].to_owned()
}
