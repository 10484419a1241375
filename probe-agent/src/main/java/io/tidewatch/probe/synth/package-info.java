/**
 * The traffic synthesizer behind {@code tidewatch synth}: a seeded, labelled capture of a small organisation for
 * tests, benchmarks and the demo.
 *
 * <p><b>Model.</b> {@link io.tidewatch.probe.synth.Network} draws the organisation from the seed: servers in
 * 10.0.0.0/24 (resolver .53, monitoring .10, backup .20, intranet web .80, SSH jump host .22, file server .45),
 * workstations in 10.1.0.0/16 (Windows, macOS and Linux stacks with their own TTLs, SYN options and windows; some
 * on Wi-Fi; about a third dual-stack in 2001:db8:100:1::/64), and an Internet of sites, CDNs and third-party
 * hosts, app services, mirrors, name servers and NTP servers in the documentation ranges. Each workstation has its
 * own habits: browsing in active and idle spells to Zipf-ranked favourite sites (TLS over TCP, or HTTP/3 over QUIC
 * where a site speaks it), background apps checking in on their own timers, a monitoring agent reporting every
 * 60 s (and the monitoring server pinging it), NTP, occasional downloads, an hourly incremental backup on some
 * hosts, interactive SSH for developers. DNS goes through the resolver, which forwards cache misses to the name's
 * authoritative server.
 *
 * <p><b>Attacks</b> ({@link io.tidewatch.probe.synth.AttackKind}) start after a benign-only first fifth of the
 * capture, at seeded times: vertical and horizontal SYN scans and C2 beaconing, exfiltration and DNS tunnelling
 * from compromised workstations (which keep their benign habits), a SYN flood and an SSH brute force from
 * Internet hosts. Every flow an attack causes is labelled with it, including the resolver's forwarded tunnel
 * queries.
 *
 * <p><b>Output.</b> Ethernet II frames with correct IPv4/IPv6, TCP, UDP and ICMP echo headers and checksums; payload bytes are
 * zeros (only sizes matter). Packets stream in time order from per-flow generators merged by one heap
 * ({@link io.tidewatch.probe.synth.TrafficSynthesizer}), so memory follows the number of concurrent flows. The
 * labels CSV has one row per flow, written when the flow ends (flows still open at the end are cut there):
 * {@code community_id,src_ip,src_port,dst_ip,dst_port,proto,first_ts,last_ts,label,attack,packets,ip_bytes}, the
 * source being the initiator. A 5-tuple can recur (Windows NTP talks 123 to 123), so a flow table that merges
 * such flows sees the sum of their rows.
 */
package io.tidewatch.probe.synth;
