package io.tandem.testsupport;

import io.tandem.testsupport.mail.TestMailbox;
import io.tandem.testsupport.s3.SharedS3Server;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Points an application under test at real servers started for this test JVM: a fresh database on the shared
 * embedded PostgreSQL for every application context, the shared S3 server as file storage, the test JVM's SMTP
 * server ({@link TestMailbox}) for the mail it sends, and a JWT key made for this run. Use it together with the
 * {@value #PROFILE} profile.
 */
public class TandemTestServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROFILE = "test";
    public static final String BUCKET = "tandem-test";

    private static final String JWT_SECRET = randomKey();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        SharedS3Server.createBucket(BUCKET);
        TestPropertyValues.of(
                "spring.datasource.url=" + SharedPostgres.newDatabase(),
                "spring.datasource.username=" + SharedPostgres.USERNAME,
                "tandem.storage.type=s3",
                "tandem.storage.s3.endpoint=" + SharedS3Server.endpoint(),
                "tandem.storage.s3.region=" + SharedS3Server.region(),
                "tandem.storage.s3.access-key=" + SharedS3Server.accessKey(),
                "tandem.storage.s3.secret-key=" + SharedS3Server.secretKey(),
                "tandem.storage.s3.bucket=" + BUCKET,
                "tandem.security.jwt.secret=" + JWT_SECRET,
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + TestMailbox.shared().smtpPort(),
                // ApiContract reads every test server's API document
                "tandem.security.public-api-docs=true"
        ).applyTo(context);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
