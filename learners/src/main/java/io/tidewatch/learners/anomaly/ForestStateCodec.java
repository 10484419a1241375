package io.tidewatch.learners.anomaly;

import com.amazon.randomcutforest.state.ExecutionContext;
import com.amazon.randomcutforest.state.RandomCutForestState;
import com.amazon.randomcutforest.state.sampler.CompactSamplerState;
import com.amazon.randomcutforest.state.store.NodeStoreState;
import com.amazon.randomcutforest.state.store.PointStoreState;
import com.amazon.randomcutforest.state.tree.CompactRandomCutTreeState;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes randomcutforest-core's state objects ({@link RandomCutForestState} and its point store, samplers and
 * trees) field by field. The library's own mapper already packs the arrays (compressed point data and node
 * indices); this adds no serialization framework and keeps the format ours, versioned by {@link RobustRandomCutForest}.
 */
final class ForestStateCodec {

    private ForestStateCodec() {
    }

    static void write(DataOutput out, RandomCutForestState s) throws IOException {
        StateArrays.writeString(out, s.getVersion());
        out.writeLong(s.getTotalUpdates());
        out.writeDouble(s.getTimeDecay());
        out.writeInt(s.getNumberOfTrees());
        out.writeInt(s.getSampleSize());
        out.writeInt(s.getShingleSize());
        out.writeInt(s.getDimensions());
        out.writeInt(s.getOutputAfter());
        out.writeBoolean(s.isCompressed());
        out.writeBoolean(s.isPartialTreeState());
        out.writeDouble(s.getBoundingBoxCacheFraction());
        out.writeBoolean(s.isStoreSequenceIndexesEnabled());
        out.writeBoolean(s.isCompact());
        out.writeBoolean(s.isInternalShinglingEnabled());
        out.writeBoolean(s.isCenterOfMassEnabled());
        StateArrays.writeString(out, s.getPrecision());
        out.writeBoolean(s.isSaveTreeStateEnabled());
        out.writeBoolean(s.isSaveSamplerStateEnabled());
        out.writeBoolean(s.isSaveCoordinatorStateEnabled());
        ExecutionContext ec = s.getExecutionContext();
        out.writeBoolean(ec != null);
        if (ec != null) {
            out.writeBoolean(ec.isParallelExecutionEnabled());
            out.writeInt(ec.getThreadPoolSize());
            StateArrays.writeString(out, ec.getMode());
        }
        out.writeBoolean(s.getPointStoreState() != null);
        if (s.getPointStoreState() != null) {
            writePointStore(out, s.getPointStoreState());
        }
        List<CompactSamplerState> samplers = s.getCompactSamplerStates();
        out.writeInt(samplers == null ? -1 : samplers.size());
        if (samplers != null) {
            for (CompactSamplerState c : samplers) {
                writeSampler(out, c);
            }
        }
        List<CompactRandomCutTreeState> trees = s.getCompactRandomCutTreeStates();
        out.writeInt(trees == null ? -1 : trees.size());
        if (trees != null) {
            for (CompactRandomCutTreeState t : trees) {
                writeTree(out, t);
            }
        }
    }

    static RandomCutForestState read(DataInput in) throws IOException {
        RandomCutForestState s = new RandomCutForestState();
        s.setVersion(StateArrays.readString(in));
        s.setTotalUpdates(in.readLong());
        s.setTimeDecay(in.readDouble());
        s.setNumberOfTrees(in.readInt());
        s.setSampleSize(in.readInt());
        s.setShingleSize(in.readInt());
        s.setDimensions(in.readInt());
        s.setOutputAfter(in.readInt());
        s.setCompressed(in.readBoolean());
        s.setPartialTreeState(in.readBoolean());
        s.setBoundingBoxCacheFraction(in.readDouble());
        s.setStoreSequenceIndexesEnabled(in.readBoolean());
        s.setCompact(in.readBoolean());
        s.setInternalShinglingEnabled(in.readBoolean());
        s.setCenterOfMassEnabled(in.readBoolean());
        s.setPrecision(StateArrays.readString(in));
        s.setSaveTreeStateEnabled(in.readBoolean());
        s.setSaveSamplerStateEnabled(in.readBoolean());
        s.setSaveCoordinatorStateEnabled(in.readBoolean());
        if (in.readBoolean()) {
            ExecutionContext ec = new ExecutionContext();
            ec.setParallelExecutionEnabled(in.readBoolean());
            ec.setThreadPoolSize(in.readInt());
            ec.setMode(StateArrays.readString(in));
            s.setExecutionContext(ec);
        }
        if (in.readBoolean()) {
            s.setPointStoreState(readPointStore(in));
        }
        int samplers = count(in);
        if (samplers >= 0) {
            List<CompactSamplerState> list = new ArrayList<>(samplers);
            for (int i = 0; i < samplers; i++) {
                list.add(readSampler(in));
            }
            s.setCompactSamplerStates(list);
        }
        int trees = count(in);
        if (trees >= 0) {
            List<CompactRandomCutTreeState> list = new ArrayList<>(trees);
            for (int i = 0; i < trees; i++) {
                list.add(readTree(in));
            }
            s.setCompactRandomCutTreeStates(list);
        }
        return s;
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < -1 || n > 100_000) {
            throw new IllegalArgumentException("rrcf: " + n + " samplers/trees is corrupt");
        }
        return n;
    }

    private static void writePointStore(DataOutput out, PointStoreState p) throws IOException {
        StateArrays.writeString(out, p.getVersion());
        out.writeInt(p.getDimensions());
        out.writeInt(p.getCapacity());
        out.writeInt(p.getShingleSize());
        StateArrays.writeString(out, p.getPrecision());
        out.writeInt(p.getStartOfFreeSegment());
        StateArrays.writeBytes(out, p.getPointData());
        out.writeBoolean(p.isCompressed());
        StateArrays.writeInts(out, p.getRefCount());
        out.writeBoolean(p.isDirectLocationMap());
        StateArrays.writeInts(out, p.getLocationList());
        StateArrays.writeInts(out, p.getReverseLocationList());
        out.writeBoolean(p.isReverseAvailable());
        out.writeBoolean(p.isInternalShinglingEnabled());
        StateArrays.writeDoubles(out, p.getInternalShingle());
        out.writeLong(p.getLastTimeStamp());
        out.writeBoolean(p.isRotationEnabled());
        out.writeBoolean(p.isDynamicResizingEnabled());
        out.writeInt(p.getCurrentStoreCapacity());
        out.writeInt(p.getIndexCapacity());
        StateArrays.writeInts(out, p.getDuplicateRefs());
    }

    private static PointStoreState readPointStore(DataInput in) throws IOException {
        PointStoreState p = new PointStoreState();
        p.setVersion(StateArrays.readString(in));
        p.setDimensions(in.readInt());
        p.setCapacity(in.readInt());
        p.setShingleSize(in.readInt());
        p.setPrecision(StateArrays.readString(in));
        p.setStartOfFreeSegment(in.readInt());
        p.setPointData(StateArrays.readBytes(in));
        p.setCompressed(in.readBoolean());
        p.setRefCount(StateArrays.readInts(in));
        p.setDirectLocationMap(in.readBoolean());
        p.setLocationList(StateArrays.readInts(in));
        p.setReverseLocationList(StateArrays.readInts(in));
        p.setReverseAvailable(in.readBoolean());
        p.setInternalShinglingEnabled(in.readBoolean());
        p.setInternalShingle(StateArrays.readDoubles(in));
        p.setLastTimeStamp(in.readLong());
        p.setRotationEnabled(in.readBoolean());
        p.setDynamicResizingEnabled(in.readBoolean());
        p.setCurrentStoreCapacity(in.readInt());
        p.setIndexCapacity(in.readInt());
        p.setDuplicateRefs(StateArrays.readInts(in));
        return p;
    }

    private static void writeSampler(DataOutput out, CompactSamplerState c) throws IOException {
        StateArrays.writeString(out, c.getVersion());
        StateArrays.writeFloats(out, c.getWeight());
        StateArrays.writeInts(out, c.getPointIndex());
        out.writeBoolean(c.isStoreSequenceIndicesEnabled());
        StateArrays.writeLongs(out, c.getSequenceIndex());
        out.writeInt(c.getSize());
        out.writeInt(c.getCapacity());
        out.writeDouble(c.getInitialAcceptFraction());
        out.writeDouble(c.getTimeDecay());
        out.writeLong(c.getSequenceIndexOfMostRecentTimeDecayUpdate());
        out.writeLong(c.getMaxSequenceIndex());
        out.writeBoolean(c.isCompressed());
        out.writeLong(c.getRandomSeed());
    }

    private static CompactSamplerState readSampler(DataInput in) throws IOException {
        CompactSamplerState c = new CompactSamplerState();
        c.setVersion(StateArrays.readString(in));
        c.setWeight(StateArrays.readFloats(in));
        c.setPointIndex(StateArrays.readInts(in));
        c.setStoreSequenceIndicesEnabled(in.readBoolean());
        c.setSequenceIndex(StateArrays.readLongs(in));
        c.setSize(in.readInt());
        c.setCapacity(in.readInt());
        c.setInitialAcceptFraction(in.readDouble());
        c.setTimeDecay(in.readDouble());
        c.setSequenceIndexOfMostRecentTimeDecayUpdate(in.readLong());
        c.setMaxSequenceIndex(in.readLong());
        c.setCompressed(in.readBoolean());
        c.setRandomSeed(in.readLong());
        return c;
    }

    private static void writeTree(DataOutput out, CompactRandomCutTreeState t) throws IOException {
        StateArrays.writeString(out, t.getVersion());
        out.writeInt(t.getRoot());
        out.writeInt(t.getMaxSize());
        out.writeInt(t.getOutputAfter());
        out.writeBoolean(t.isStoreSequenceIndexesEnabled());
        out.writeBoolean(t.isCenterOfMassEnabled());
        out.writeDouble(t.getBoundingBoxCacheFraction());
        out.writeBoolean(t.isPartialTreeState());
        out.writeLong(t.getSeed());
        out.writeInt(t.getId());
        out.writeInt(t.getDimensions());
        out.writeLong(t.getStaticSeed());
        out.writeFloat(t.getWeight());
        out.writeBoolean(t.isHasAuxiliaryData());
        StateArrays.writeBytes(out, t.getAuxiliaryData());
        NodeStoreState n = t.getNodeStoreState();
        out.writeBoolean(n != null);
        if (n != null) {
            StateArrays.writeString(out, n.getVersion());
            out.writeInt(n.getCapacity());
            out.writeBoolean(n.isCompressed());
            StateArrays.writeInts(out, n.getCutDimension());
            StateArrays.writeBytes(out, n.getCutValueData());
            StateArrays.writeString(out, n.getPrecision());
            out.writeInt(n.getRoot());
            out.writeBoolean(n.isCanonicalAndNotALeaf());
            out.writeInt(n.getSize());
            StateArrays.writeInts(out, n.getLeftIndex());
            StateArrays.writeInts(out, n.getRightIndex());
            StateArrays.writeInts(out, n.getNodeFreeIndexes());
            out.writeInt(n.getNodeFreeIndexPointer());
            StateArrays.writeInts(out, n.getLeafFreeIndexes());
            out.writeInt(n.getLeafFreeIndexPointer());
            out.writeBoolean(n.isPartialTreeStateEnabled());
            StateArrays.writeInts(out, n.getLeafMass());
            StateArrays.writeInts(out, n.getLeafPointIndex());
        }
    }

    private static CompactRandomCutTreeState readTree(DataInput in) throws IOException {
        CompactRandomCutTreeState t = new CompactRandomCutTreeState();
        t.setVersion(StateArrays.readString(in));
        t.setRoot(in.readInt());
        t.setMaxSize(in.readInt());
        t.setOutputAfter(in.readInt());
        t.setStoreSequenceIndexesEnabled(in.readBoolean());
        t.setCenterOfMassEnabled(in.readBoolean());
        t.setBoundingBoxCacheFraction(in.readDouble());
        t.setPartialTreeState(in.readBoolean());
        t.setSeed(in.readLong());
        t.setId(in.readInt());
        t.setDimensions(in.readInt());
        t.setStaticSeed(in.readLong());
        t.setWeight(in.readFloat());
        t.setHasAuxiliaryData(in.readBoolean());
        t.setAuxiliaryData(StateArrays.readBytes(in));
        if (in.readBoolean()) {
            NodeStoreState n = new NodeStoreState();
            n.setVersion(StateArrays.readString(in));
            n.setCapacity(in.readInt());
            n.setCompressed(in.readBoolean());
            n.setCutDimension(StateArrays.readInts(in));
            n.setCutValueData(StateArrays.readBytes(in));
            n.setPrecision(StateArrays.readString(in));
            n.setRoot(in.readInt());
            n.setCanonicalAndNotALeaf(in.readBoolean());
            n.setSize(in.readInt());
            n.setLeftIndex(StateArrays.readInts(in));
            n.setRightIndex(StateArrays.readInts(in));
            n.setNodeFreeIndexes(StateArrays.readInts(in));
            n.setNodeFreeIndexPointer(in.readInt());
            n.setLeafFreeIndexes(StateArrays.readInts(in));
            n.setLeafFreeIndexPointer(in.readInt());
            n.setPartialTreeStateEnabled(in.readBoolean());
            n.setLeafMass(StateArrays.readInts(in));
            n.setLeafPointIndex(StateArrays.readInts(in));
            t.setNodeStoreState(n);
        }
        return t;
    }
}
