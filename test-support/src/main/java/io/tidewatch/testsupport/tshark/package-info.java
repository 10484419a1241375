/**
 * tshark and editcap (Wireshark's command-line tools) as the independent oracle of the tests: a decoder nobody on
 * this project wrote, whose per-conversation counts and per-packet fields the probe, the topology and the replay
 * are checked against. Tests skip through JUnit assumptions where the tools are not installed; CI installs them.
 */
package io.tidewatch.testsupport.tshark;
