package io.tidewatch.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.proto.v1.ScoredFlow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtoSourceIndexTest {

    @Test
    void agreesWithProtocOnEveryTidewatchFile() {
        List<FileDescriptor> files = List.of(FlowKey.getDescriptor().getFile(), FlowRecord.getDescriptor().getFile(),
                PacketDynamicsBatch.getDescriptor().getFile(), ScoredFlow.getDescriptor().getFile(),
                Label.getDescriptor().getFile(), ModelSnapshot.getDescriptor().getFile());
        int checked = 0;
        for (FileDescriptor file : files) {
            ProtoSourceIndex index = ProtoSourceIndex.of(ProtobufSchemas.source(file));
            for (Descriptor type : file.getMessageTypes()) {
                checked += check(index, type);
            }
        }
        assertEquals(13, checked, "every top-level tidewatch.v1 message is checked");
    }

    private static int check(ProtoSourceIndex index, Descriptor type) {
        int checked = 0;
        if (!type.getOptions().getMapEntry()) {
            assertEquals(type.getFullName(), index.messageName(MessageIndexes.of(type)));
            checked = type.getContainingType() == null ? 1 : 0;
        }
        for (Descriptor nested : type.getNestedTypes()) {
            check(index, nested);
        }
        return checked;
    }

    @Test
    void nestedTypesMapEntriesCommentsAndOptionBlocks() {
        String source = """
                syntax = "proto3";
                package x.y;
                // message Commented { }
                /* message Hidden { } */
                enum E { E_ZERO = 0; }
                message A {
                  map<string, int32> counts = 1;
                  message B {
                    string s = 1 [(my.opt) = { message: "not a type {" }];
                  }
                  message C { message D { } }
                  oneof choice { string a = 2; int32 b = 3; }
                }
                message F { }
                """;
        ProtoSourceIndex index = ProtoSourceIndex.of(source);
        assertEquals("x.y.A", index.messageName(new int[] {0}));
        // the map field's synthesized entry type takes nested index 0
        assertNull(index.messageName(new int[] {0, 0}));
        assertEquals("x.y.A.B", index.messageName(new int[] {0, 1}));
        assertEquals("x.y.A.C", index.messageName(new int[] {0, 2}));
        assertEquals("x.y.A.C.D", index.messageName(new int[] {0, 2, 0}));
        assertEquals("x.y.F", index.messageName(new int[] {1}));
        assertNull(index.messageName(new int[] {2}));
    }
}
