-- Locks that every database node knows (issue #10): a row per lock, taken by the transaction that writes under it and
-- held until it ends. They replace MariaDB's GET_LOCK, which only the node it was taken on knows (not cluster-wide under
-- Galera). On one server, a second writer waits for the row; on a Galera cluster, two writers on different nodes conflict
-- at commit, one is rolled back whole and writes again.
-- Each taking changes the row (gen + 1): an update that changed nothing would not conflict on a Galera cluster.
CREATE TABLE store_lock (
  name      VARCHAR(80)   NOT NULL,
  gen       BIGINT        NOT NULL DEFAULT 0,
  taken_at  TIMESTAMP(3)  NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB;
