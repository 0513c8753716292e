-- Run once by the postgres image on an empty data volume: one database per service, owned by the platform's user.
CREATE DATABASE sites;
CREATE DATABASE startups;
CREATE DATABASE programs;
