-- wrk script: POST one new address per request to create an invitation, signed in.
--   ours:   staff-onboarding's create_invitation server function, as the dashboard sends it
--           (JSON body, the session cookie, a same-origin Origin header)
--   django: django-invitations' JSON endpoint (session cookie, CSRF token in cookie and header)
-- args: ours PREFIX COOKIE ORIGIN | django PREFIX SESSIONID CSRFTOKEN
-- Prints one line: RESULT requests=… rps=… p50_ms=… p99_ms=… non2xx=… and socket errors.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local counter = 0
local body
function init(args)
  local server, prefix = args[1], args[2]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  if server == "ours" then
    wrk.path = "/api/create_invitation"
    wrk.headers["Accept"] = "application/json"
    wrk.headers["Cookie"] = args[3]
    wrk.headers["Origin"] = args[4]
    body = function(email) return '{"email":"' .. email .. '","role":"Teacher"}' end
  else
    wrk.path = "/invitations/send-json-invite/"
    wrk.headers["X-CSRFToken"] = args[4]
    wrk.headers["Cookie"] = "sessionid=" .. args[3] .. "; csrftoken=" .. args[4]
    body = function(email) return '["' .. email .. '"]' end
  end
  address = function(n) return prefix .. '-t' .. tid .. '-' .. n .. '@bench.example' end
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, body(address(counter)))
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d secs=%.2f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f " ..
    "non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
